import { describe, expect, it } from 'vitest';
import { looksSecret } from './looks-secret.js';

describe('a value that looks like a secret', () => {
  it.each([
    ['a GitHub token', `ghp_${'a1B2'.repeat(9)}`],
    ['a Slack token', 'xoxb-1234567890-abcdefghij'],
    ['a Stripe key', `sk_live_${'x'.repeat(24)}`],
    ['an AWS access key id', 'AKIAZ7Q3JX5W2RTY6P4M'],
    ['a private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...'],
    ['a URL with a password', 'postgres://app:hunter2pass@db/shop'],
  ])('%s', (_kind, value) => expect(looksSecret(value)).toBe(true));

  it.each([
    ['a URL without a password', 'https://app@db.example.com/shop'],
    ['a plain URL with a port', 'http://127.0.0.1:4599/path'],
    ['AWS example key', 'AKIAIOSFODNN7EXAMPLE'],
    ['plain text', 'eu-west-1'],
  ])('not %s', (_kind, value) => expect(looksSecret(value)).toBe(false));
});
