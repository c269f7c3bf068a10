import { OmnixError } from '../../core/errors.js';
import { didYouMean } from '../../core/suggest.js';
import { REFERENCE_RESOLVERS } from './index.js';
import { escapeLiteral, type TemplatePart } from './parse.js';
import { ReferenceProblem, type ReferenceResolver } from './types.js';

/** What a template evaluated to. `kept` means it still holds references for a later phase. */
export interface Evaluated {
  value: unknown;
  kept: boolean;
  /** The template was one reference and nothing else: its value keeps its own type. */
  whole: boolean;
}

/**
 * Resolve this reference now (a value), keep it for a later phase, or replace it with template text
 * that itself waits for a later phase (`raw`: a `${self:}` whose target still holds `${ssm:}`).
 */
export type RefHandler = (
  resolver: ReferenceResolver,
  argument: string,
) => Promise<{ value: unknown } | { raw: string } | 'keep'>;

type Piece = { value: unknown } | { raw: string };

/** Evaluates parsed template parts, innermost references first. */
export async function evaluate(parts: readonly TemplatePart[], handle: RefHandler): Promise<Evaluated> {
  const pieces: Piece[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      pieces.push({ value: part.text });
      continue;
    }
    try {
      pieces.push(await evaluateRef(part, handle));
    } catch (error) {
      if (error instanceof ReferenceProblem) {
        error.reference ??= part.source;
        throw error;
      }
      if (error instanceof OmnixError) {
        // A failed AWS lookup: say which reference it was for.
        const problem = new ReferenceProblem(error.message, error.hint);
        problem.reference = part.source;
        throw problem;
      }
      throw error;
    }
  }
  const only = pieces[0];
  if (pieces.length === 1 && only && 'value' in only && parts[0]?.type === 'ref') {
    return { value: only.value, kept: false, whole: true };
  }
  const kept = pieces.some((piece) => 'raw' in piece);
  const text = pieces
    .map((piece) => {
      if ('raw' in piece) return piece.raw;
      const scalar = asText(piece.value);
      return kept ? escapeLiteral(scalar) : scalar;
    })
    .join('');
  return { value: text, kept, whole: false };
}

async function evaluateRef(part: Extract<TemplatePart, { type: 'ref' }>, handle: RefHandler): Promise<Piece> {
  const resolver = REFERENCE_RESOLVERS[part.kind];
  if (!resolver) {
    const suggestion = didYouMean(part.kind, Object.keys(REFERENCE_RESOLVERS));
    throw new ReferenceProblem(
      `unknown reference kind '${part.kind}'${suggestion ? `; ${suggestion}` : ''}`,
      `Known kinds: ${Object.keys(REFERENCE_RESOLVERS).join(', ')}. Write $\${ for a literal \${.`,
    );
  }
  const separator = part.source.charAt(2 + part.kind.length);
  const argument = await evaluate(part.argument, handle);
  const argumentText = asText(argument.value);
  if (argument.kept) {
    // The argument waits for a later phase, so this reference has to wait too.
    if (resolver.phase === 'config') {
      throw new ReferenceProblem(
        `a \${${part.kind}:} reference cannot take a reference resolved at deploy time as its argument`,
        'Only env, environment and self references may be nested inside env and self references.',
      );
    }
    return { raw: `\${${part.kind}${separator}${argumentText}}` };
  }
  const problem = resolver.check(argumentText);
  if (problem) throw new ReferenceProblem(problem, `Write it as ${resolver.syntax}.`);
  const outcome = await handle(resolver, argumentText);
  if (outcome === 'keep') {
    const written = separator === '}' ? '' : `${separator}${escapeLiteral(argumentText)}`;
    return { raw: `\${${part.kind}${written}}` };
  }
  return outcome;
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    throw new ReferenceProblem(
      `refers to a ${Array.isArray(value) ? 'list' : 'mapping'}, which cannot be part of a text`,
      'Use the reference as the whole value, or point it at a single value.',
    );
  }
  return String(value);
}
