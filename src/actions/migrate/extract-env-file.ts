import { normalizeReferences } from './references.js';
import type { Fact } from './types.js';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]{0,120})\s*=\s*(.*)$/;

/** `KEY=value` lines of a dotenv file. */
export function extractEnvFile(source: string): Fact[] {
  const facts: Fact[] = [];
  source.split(/\r?\n/).forEach((text, index) => {
    const match = LINE.exec(text);
    if (!match) return;
    let value = match[2]!.trim();
    const quoted = /^(["'])(.*)\1/.exec(value);
    value = quoted ? quoted[2]! : value.replace(/\s+#.*$/, '');
    facts.push({
      type: 'assign',
      name: match[1]!,
      value: quoted?.[1] === "'" ? value : normalizeReferences(value, 'shell'),
      line: index + 1,
    });
  });
  return facts;
}
