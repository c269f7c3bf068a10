import { REDACTED } from '../core/redact.js';
import { formatPath, leaves } from './paths.js';

/**
 * Shorter secret values are not looked for in text: hiding every `ab` in a message would garble it
 * and hide nothing worth hiding.
 */
const SHORTEST_HIDDEN = 4;

/** The text of every secret leaf, as written and as JSON escapes it, longest first. */
export function secretValues(config: unknown, secretPaths: ReadonlySet<string>): string[] {
  const values = new Set<string>();
  for (const [path, value] of leaves(config)) {
    if (!secretPaths.has(formatPath(path)) || value === null || value === undefined) continue;
    const text = String(value);
    values.add(text);
    values.add(JSON.stringify(text).slice(1, -1));
  }
  return [...values].filter((text) => text.length >= SHORTEST_HIDDEN).sort((a, b) => b.length - a.length);
}

/**
 * `text` with every secret value in it shown as `***`: for text omnix did not write itself (a health
 * check's response body, a function's error, an AWS message), which may quote what the function was
 * given. A secret cut short where such text was shortened (`...`) is hidden too.
 */
export function hideSecretValues(text: string, values: readonly string[]): string {
  let hidden = text;
  for (const value of values) hidden = hidden.split(value).join(REDACTED);
  return hidden.replace(/(\S+)\.\.\.$/, (whole, before: string) =>
    values.some((value) => cutShortIn(before, value)) ? `${REDACTED}...` : whole,
  );
}

/** True when `before` ends with the first SHORTEST_HIDDEN or more characters of `value`. */
function cutShortIn(before: string, value: string): boolean {
  for (let length = Math.min(value.length - 1, before.length); length >= SHORTEST_HIDDEN; length--)
    if (before.endsWith(value.slice(0, length))) return true;
  return false;
}
