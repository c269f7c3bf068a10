/** Markup that is safe as it is: built by `html`, never from text of a record. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for an element's content or a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);

/** What may be put into `html`: markup as it is, text and numbers escaped, nothing for null, false and undefined. */
export type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join('');
  if (part === null || part === undefined || part === false) return '';
  return escapeHtml(String(part));
}

/** A template of markup whose every value is escaped, unless it is `Html` already. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let text = strings[0]!;
  values.forEach((value, index) => {
    text += render(value) + strings[index + 1]!;
  });
  return new Html(text);
}

/**
 * Text put in as it is: only for what omnix itself wrote and is valid where it goes (the script and
 * style elements' contents, which HTML does not unescape). Never for text from a record.
 */
export const trusted = (text: string): Html => new Html(text);
