/**
 * The ways the bytes of a file can be read as text, for the secrets scan: decoded by its byte-order
 * mark (UTF-8, UTF-16 LE/BE), else as UTF-8 when it is valid UTF-8, else as Latin-1 (every byte a
 * character, so text inside binary content stays readable). When the bytes hold NULs, also the
 * Latin-1 text without them: that is UTF-16 (or UTF-32) text without a mark, whichever byte order,
 * and text a NUL was put in front of. Credentials are ASCII, so every view keeps them whole, and
 * newlines survive in each view, so line numbers agree.
 */
export function textViews(bytes: Uint8Array): string[] {
  const views = [decode(bytes)];
  if (bytes.includes(0)) views.push(withoutNuls(bytes).toString('latin1'));
  return views;
}

function withoutNuls(bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  let length = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte !== 0) out[length++] = byte;
  }
  return out.subarray(0, length);
}

function decode(bytes: Uint8Array): string {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (a === 0xff && b === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (a === 0xfe && b === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}
