import { describe, expect, it } from 'vitest';
import { findSecrets, findSecretsIn } from './patterns.js';

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

  it.each([
    ['"SecretAccessKey": "<key>"', `{"AccessKeyId": "x", "SecretAccessKey": "${AWS_SECRET}"}`],
    ['secretAccessKey: <key>', `secretAccessKey: ${AWS_SECRET}`],
    ['secret_access_key=<key>', `secret_access_key="${AWS_SECRET}"`],
    ['<SecretAccessKey>', `<SecretAccessKey>${AWS_SECRET}</SecretAccessKey>`],
    ['a JSON-escaped key', `{"secretAccessKey":"${AWS_SECRET.replace('K7', 'K\\/7')}"}`.replace('zz9', 'z9')],
  ])('finds an AWS secret access key written as %s', (_shape, line) => {
    expect(findSecrets(`x\n${line}\n`, 'config.json')).toEqual([
      { file: 'config.json', line: 2, kind: 'AWS secret access key' },
    ]);
  });

  it('finds a key past the first megabyte of a line (issue 15)', () => {
    const text = `${'a'.repeat(2 * 1024 * 1024)};const k="${AWS_KEY}";`;
    expect(findSecrets(text, 'bundle.js')).toEqual([
      { file: 'bundle.js', line: 1, kind: 'AWS access key id' },
    ]);
  });
});

describe('findSecretsIn (bytes in any common encoding, issue 15)', () => {
  const text = `first\nkey = "${AWS_KEY}"\n`;
  const utf16be = (value: string) => Buffer.from(value, 'utf16le').swap16();
  it.each([
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with a mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['text after a NUL byte', Buffer.concat([Buffer.from([0]), Buffer.from(text)])],
    ['UTF-16 LE with a mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE with a mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)])],
    ['UTF-16 LE without a mark', Buffer.from(text, 'utf16le')],
    ['UTF-16 BE without a mark', utf16be(text)],
    ['Latin-1', Buffer.from(`caf\u00e9 \u00ff\n${text.split('\n')[1]}\n`, 'latin1')],
    [
      'a binary file',
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0xff, 0x0a]),
        Buffer.from(text.split('\n')[1]!),
      ]),
    ],
  ])('%s', (_encoding, bytes) => {
    const findings = findSecretsIn(bytes, 'f');
    expect(findings).toEqual([{ file: 'f', line: 2, kind: 'AWS access key id' }]);
  });

  it('finds nothing in ordinary text and binary content', () => {
    expect(findSecretsIn(Buffer.from('const a = "hello";\n'), 'a.js')).toEqual([]);
    expect(findSecretsIn(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0xff]), 'a.png')).toEqual([]);
  });
});
