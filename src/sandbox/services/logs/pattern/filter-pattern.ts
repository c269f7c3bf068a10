import { invalidParameter } from '../errors.js';
import { matchesJson } from './json-eval.js';
import { parseJsonPattern } from './json-pattern.js';
import type { WorkMeter } from './search.js';
import { compileTerms, PatternError } from './terms.js';

/** Whether a message matches; adds the work done to the meter. */
export type MessageMatcher = (message: string, meter: WorkMeter) => boolean;

/** FilterPattern's model limit. */
export const MAX_PATTERN_LENGTH = 1024;

/**
 * Compiles a CloudWatch Logs filter pattern: empty (everything), terms (see compileTerms) or a JSON
 * pattern `{ … }` (see parseJsonPattern). Space-delimited patterns (`[…]`) and regular expressions
 * (`%…%`) are refused with InvalidParameterException, as is anything unreadable: never a silent match-all.
 */
export function compileFilterPattern(pattern: string | undefined): MessageMatcher {
  if (pattern === undefined || pattern.trim() === '') return () => true;
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw invalidParameter(
      `1 validation error detected: Value at 'filterPattern' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PATTERN_LENGTH}`,
    );
  const text = pattern.trim();
  try {
    if (text.startsWith('['))
      throw new PatternError(
        'space-delimited patterns ([…]) are not supported by the sandbox; use terms or a JSON pattern',
      );
    if (text.startsWith('{')) {
      const condition = parseJsonPattern(text);
      return (message, meter) => matchesJson(condition, message, meter);
    }
    return compileTerms(text);
  } catch (error) {
    if (error instanceof PatternError) throw invalidParameter(`Invalid filter pattern: ${error.message}.`);
    throw error;
  }
}
