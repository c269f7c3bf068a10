import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from './signature.js';

const SECRET = 'a-signing-secret-of-some-length';

describe('webhook signatures', () => {
  it('verify with the key over the exact body and a recent timestamp, and nothing else', () => {
    const body = '{"event":"succeeded"}';
    const header = signBody(SECRET, body, 1_800_000_000);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    const at = { nowSeconds: 1_800_000_100 };
    expect(verifySignature(SECRET, body, header, at)).toEqual({ ok: true });
    expect(verifySignature(SECRET, `${body} `, header, at).ok).toBe(false);
    expect(verifySignature('another-secret-entirely', body, header, at).ok).toBe(false);
    expect(verifySignature(SECRET, body, header, { nowSeconds: 1_800_000_301 })).toEqual({
      ok: false,
      reason: 'timestamp too old or new',
    });
    // A replay with a fresh timestamp but the old signature fails: the timestamp is signed too.
    expect(verifySignature(SECRET, body, header.replace('t=1800000000', 't=1800000100'), at).ok).toBe(false);
    expect(verifySignature(SECRET, body, undefined, at)).toEqual({ ok: false, reason: 'malformed header' });
  });
});
