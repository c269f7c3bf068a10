import { textViews } from './text-views.js';

// A 40-character AWS secret access key; JSON may escape its slashes as `\/`.
const SECRET_40 = String.raw`(?:[A-Za-z0-9+/]|\\/){40}(?![A-Za-z0-9+/=])`;

/** Kinds of credentials that must never be uploaded, by what their text looks like. */
export const SECRET_PATTERNS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g },
  {
    kind: 'AWS secret access key',
    pattern: new RegExp(String.raw`aws.{0,20}?(?:secret|private).{0,20}?['"\`:=\s]${SECRET_40}`, 'gi'),
  },
  {
    // The shapes a secret key takes in JSON, YAML, .env, INI, XML and code: "SecretAccessKey": "…",
    // secretAccessKey: …, aws_secret_access_key = …, <SecretAccessKey>…</SecretAccessKey>.
    kind: 'AWS secret access key',
    pattern: new RegExp(
      String.raw`secret[_.-]?(?:access[_.-]?)?key['"\`]?\s*(?:=>|:=|[:=>])\s*['"\`]?${SECRET_40}`,
      'gi',
    ),
  },
  {
    kind: 'private key',
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g,
  },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b/g },
  { kind: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  {
    kind: 'Slack webhook',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g,
  },
  { kind: 'Stripe secret key', pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{20,}\b/g },
];

/** AWS's documented example credentials (AKIAIOSFODNN7EXAMPLE) are not secrets. */
const EXAMPLE = /EXAMPLE/;
/** A line that carries this marker was reviewed: what looks like a credential there is not one. */
export const ALLOW_MARKER = 'omnix-allow-secret';

export interface SecretFinding {
  file: string;
  line: number;
  kind: string;
}

/** Every line of a file's bytes, read as text in each likely encoding, that holds a credential. */
export function findSecretsIn(bytes: Uint8Array, file: string): SecretFinding[] {
  const seen = new Map<string, SecretFinding>();
  for (const text of textViews(bytes))
    for (const finding of findSecrets(text, file)) seen.set(`${finding.line}:${finding.kind}`, finding);
  return [...seen.values()].sort((a, b) => a.line - b.line);
}

/** Every line of `text` that holds a credential, the whole text however long its lines; never the credential. */
export function findSecrets(text: string, file: string): SecretFinding[] {
  const starts = lineStarts(text);
  const findings = new Map<string, SecretFinding>();
  for (const { kind, pattern } of SECRET_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (EXAMPLE.test(match[0])) continue;
      const line = lineOf(starts, match.index);
      const end = starts[line] ?? text.length;
      if (text.slice(starts[line - 1], end).includes(ALLOW_MARKER)) continue;
      findings.set(`${line}:${kind}`, { file, line, kind });
    }
  }
  return [...findings.values()].sort((a, b) => a.line - b.line);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    starts.push(index + 1);
  return starts;
}

/** The 1-based line holding `offset`. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** Raise when the scan's logic changes (text views, line numbering): remembered results are then stale. */
const SCANNER_REVISION = 1;

/** What a remembered scan result depends on besides the content: the patterns, the exceptions, the logic. */
export const SCANNER_FINGERPRINT = JSON.stringify([
  SCANNER_REVISION,
  SECRET_PATTERNS.map(({ kind, pattern }) => [kind, pattern.source, pattern.flags]),
  EXAMPLE.source,
  ALLOW_MARKER,
]);
