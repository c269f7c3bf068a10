// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

/** Whether text holds a control or invisible direction character (what a terminal would act on). */
export const hasControl = (text: string): boolean => CONTROL.test(text);

/** Text safe to print: control and invisible direction characters are written as \uXXXX escapes. */
export function escapeControl(text: string): string {
  return [...text]
    .map((char) => (CONTROL.test(char) ? `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}` : char))
    .join('');
}
