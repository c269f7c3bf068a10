import { parse as parseYaml } from 'yaml';

export type Coerced = { ok: true; value: unknown } | { ok: false; expected: string };

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/**
 * Turns text (an environment variable, a resolved reference) into the type the schema expects there.
 * `types` empty means the schema does not say, and the text stays text.
 */
export function coerceText(text: string, types: Set<string>): Coerced {
  if (types.size === 0 || types.has('string')) return { ok: true, value: text };
  const trimmed = text.trim();
  if (types.has('integer') || types.has('number')) {
    const number = Number(trimmed);
    if (
      trimmed !== '' &&
      Number.isFinite(number) &&
      (!types.has('integer') || types.has('number') || Number.isInteger(number))
    ) {
      return { ok: true, value: number };
    }
  }
  if (types.has('boolean')) {
    const lower = trimmed.toLowerCase();
    if (TRUE.has(lower)) return { ok: true, value: true };
    if (FALSE.has(lower)) return { ok: true, value: false };
  }
  if (types.has('array') || types.has('object')) {
    try {
      const value: unknown = parseYaml(trimmed);
      if (types.has('array') && Array.isArray(value)) return { ok: true, value };
      if (types.has('object') && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        return { ok: true, value };
      }
    } catch {
      // Falls through to the explanation below.
    }
  }
  return { ok: false, expected: describeTypes(types) };
}

function describeTypes(types: Set<string>): string {
  const words: Record<string, string> = {
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list in JSON or YAML flow syntax, e.g. [a, b]',
    object: 'a mapping in JSON or YAML flow syntax, e.g. {key: value}',
    null: 'null',
  };
  return [...types].map((type) => words[type] ?? type).join(' or ');
}
