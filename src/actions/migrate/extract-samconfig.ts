import { environmentOfWord, guess } from './environments.js';
import type { EnvironmentGuess, Fact } from './types.js';

const SECTION = /^\s*\[([A-Za-z0-9_.-]{1,120})\]\s*$/;
const ENTRY = /^\s*([A-Za-z0-9_-]{1,80})\s*=\s*(.*)$/;
const KEYS: Record<string, string> = { s3_bucket: 'deploymentBucket', stack_name: 'stackName' };

/** `parameter_overrides = "Stage=prod BucketName=x"`: each override as its own value. */
function overrides(text: string): Array<[string, string]> {
  return [
    ...text.matchAll(/([A-Za-z0-9]{1,80})=(?:\\?"([^"\\]{0,300})\\?"|'([^']{0,300})'|([^\s"']{1,300}))/g),
  ].map((match) => [match[1]!, match[2] ?? match[3] ?? match[4] ?? '']);
}

/** Reads samconfig.toml: `[prod.deploy.parameters]` tables, the first part naming the environment. */
export function extractSamconfig(source: string): Fact[] {
  const facts: Fact[] = [];
  let env: EnvironmentGuess | undefined;
  source.split(/\r?\n/).forEach((text, index) => {
    const line = index + 1;
    const section = SECTION.exec(text);
    if (section) {
      const first = section[1]!.split('.')[0]!;
      const named = environmentOfWord(first);
      env = named ? guess(named, `samconfig table [${section[1]}]`) : undefined;
      return;
    }
    const entry = ENTRY.exec(text.replace(/\s+#.*$/, ''));
    if (!entry) return;
    const raw = entry[2]!.trim();
    const string = /^"((?:[^"\\]|\\.){0,2000})"$|^'([^']{0,2000})'$/.exec(raw);
    const value = string ? (string[1] ?? string[2] ?? '') : raw;
    const base = { type: 'assign' as const, line, key: true, ...(env ? { env } : {}) };
    if (entry[1] === 'parameter_overrides') {
      for (const [name, override] of overrides(value.replace(/^\[|\]$/g, '')))
        facts.push({ ...base, name, value: override });
      return;
    }
    facts.push({ ...base, name: KEYS[entry[1]!] ?? entry[1]!, value });
  });
  return facts;
}
