const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/** Text from a record is hostile: control characters shown as `\u001b`, and at most `max` characters. */
export function printable(text: string, max = 500): string {
  let shown = '';
  for (const char of text.slice(0, max + 1)) {
    const code = char.codePointAt(0)!;
    shown += isControl(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return text.length > max ? `${shown.slice(0, max)}…` : shown;
}
