/** Kinds of credentials that must never be uploaded, by what their text looks like. */
export const SECRET_PATTERNS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/ },
  {
    kind: 'AWS secret access key',
    pattern: /aws.{0,20}?(?:secret|private).{0,20}?['"`:=\s][A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/i,
  },
  {
    kind: 'private key',
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/,
  },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b/ },
  { kind: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  {
    kind: 'Slack webhook',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/,
  },
  { kind: 'Stripe secret key', pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{20,}\b/ },
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

/** Every line of `text` that holds a credential; never the credential itself. */
export function findSecrets(text: string, file: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    // Minified bundles put everything on a line or two; look at the whole line, but at most 1 MB of it.
    const shown = line.length > 1_048_576 ? line.slice(0, 1_048_576) : line;
    for (const { kind, pattern } of SECRET_PATTERNS) {
      const match = pattern.exec(shown);
      if (match && !EXAMPLE.test(match[0]) && !shown.includes(ALLOW_MARKER))
        findings.push({ file, line: index + 1, kind });
    }
  }
  return findings;
}

/** Binary files (images, fonts, archives) are not scanned: a NUL in the first 8 KB marks them. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
