/** A literal run of text, or a `${kind:argument}` reference whose argument may itself hold references. */
export type TemplatePart =
  | { type: 'text'; text: string }
  | { type: 'ref'; kind: string; argument: TemplatePart[]; source: string };

export type ParsedTemplate =
  | { ok: true; parts: TemplatePart[] }
  | { ok: false; message: string; offset: number };

const KIND = /^[a-zA-Z][a-zA-Z0-9]*/;

/**
 * Parses `${env:NAME, default}`, `${environment}`, `${self:a.b}`, `${cfn:Stack.Output}`,
 * `${ssm:/name}` and `${outputs.apiUrl}`, nested to any depth. `$${` is a literal `${`.
 */
export function parseTemplate(input: string): ParsedTemplate {
  try {
    const [parts, end] = parseParts(input, 0, false);
    if (end !== input.length) throw new TemplateSyntaxError("unexpected '}'", end);
    return { ok: true, parts };
  } catch (error) {
    if (error instanceof TemplateSyntaxError)
      return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function parseParts(input: string, start: number, insideRef: boolean): [TemplatePart[], number] {
  const parts: TemplatePart[] = [];
  let text = '';
  let index = start;
  const flush = () => {
    if (text) parts.push({ type: 'text', text });
    text = '';
  };
  while (index < input.length) {
    if (input.startsWith('$${', index)) {
      text += '${';
      index += 3;
    } else if (input.startsWith('${', index)) {
      flush();
      const [ref, end] = parseRef(input, index);
      parts.push(ref);
      index = end;
    } else if (insideRef && input[index] === '}') {
      break;
    } else {
      text += input[index];
      index++;
    }
  }
  flush();
  return [parts, index];
}

function parseRef(input: string, start: number): [TemplatePart, number] {
  const kindMatch = KIND.exec(input.slice(start + 2));
  if (!kindMatch) {
    throw new TemplateSyntaxError(
      "expected a reference kind after '${' (env, environment, self, cfn, ssm or outputs); write $${ for a literal ${",
      start,
    );
  }
  const kind = kindMatch[0];
  let index = start + 2 + kind.length;
  let argument: TemplatePart[] = [];
  const separator = input[index];
  if (separator === ':' || separator === '.') {
    [argument, index] = parseParts(input, index + 1, true);
  }
  if (input[index] !== '}') {
    throw new TemplateSyntaxError(
      `unterminated reference '${input.slice(start, Math.min(input.length, start + 40))}': missing '}'`,
      start,
    );
  }
  return [{ type: 'ref', kind, argument, source: input.slice(start, index + 1) }, index + 1];
}

/** True when the text holds at least one reference. */
export function hasReference(input: string): boolean {
  const parsed = parseTemplate(input);
  return !parsed.ok || parsed.parts.some((part) => part.type === 'ref');
}

/** Escapes literal `${` as `$${`, so text survives being parsed as a template again. */
export function escapeLiteral(text: string): string {
  return text.replaceAll('${', () => '$${');
}

/** Writes parts back as template text. */
export function renderTemplate(parts: readonly TemplatePart[]): string {
  return parts.map((part) => (part.type === 'text' ? escapeLiteral(part.text) : part.source)).join('');
}
