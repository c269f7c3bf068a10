import { describe, expect, it } from 'vitest';
import { findSecrets, looksBinary } from './patterns.js';

// Built from parts so this file is not itself a finding for secret scanners.
const join = (...parts: string[]) => parts.join('');
const AWS_KEY = join('AKIA', 'Z7Q3XK5P2M4N6R2T');
const AWS_SECRET = join('wJalrXUtnFEMIK7MDENGbPxRfiCY', 'zz9d3kQ2lPe8');

describe('findSecrets', () => {
  it.each([
    ['AWS access key id', `const key = "${AWS_KEY}";`],
    ['AWS secret access key', `aws_secret_access_key = ${AWS_SECRET}`],
    ['private key', '-----BEGIN RSA PRIVATE KEY-----'],
    ['private key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
    ['GitHub token', `token: "${join('ghp_', 'a'.repeat(36))}"`],
    ['Slack token', `SLACK=${join('xoxb-', '1234567890-abcdef')}`],
    ['Slack webhook', join('https://hooks.slack.com/services/', 'T0001/B0002/abcdefXYZ')],
    ['Stripe secret key', `stripe(${join('sk_live_', 'x'.repeat(24))})`],
  ])('finds a %s and names its line, never its text', (kind, line) => {
    const findings = findSecrets(`first\nsecond\n${line}\n`, 'bundle.js');
    expect(findings).toEqual([{ file: 'bundle.js', line: 3, kind }]);
    expect(JSON.stringify(findings)).not.toContain(line);
  });

  it("passes AWS's documented example keys, marked lines, and publishable keys", () => {
    const text = [
      'AKIAIOSFODNN7EXAMPLE',
      `const fixture = "${AWS_KEY}"; // omnix-allow-secret`,
      `stripe(${join('pk_live_', 'x'.repeat(24))})`,
      'const id = "AKIA-not-a-key";',
    ].join('\n');
    expect(findSecrets(text, 'a.js')).toEqual([]);
  });

  it('tells binary content by a NUL byte', () => {
    expect(looksBinary(new Uint8Array([0x89, 0x50, 0, 1]))).toBe(true);
    expect(looksBinary(Buffer.from('plain text'))).toBe(false);
  });
});
