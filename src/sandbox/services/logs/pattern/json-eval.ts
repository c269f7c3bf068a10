import type { JsonCondition, PathStep } from './json-pattern.js';
import { globMatches, type WorkMeter } from './search.js';

const MISSING = Symbol('missing');

/**
 * Evaluates a JSON condition against a log message: only a message that is a JSON object can match.
 * The message is parsed once (V8's parser is iterative and linear); each comparison then looks at one
 * value, so the work stays linear in the message for every comparison in the (≤ 1024 character) pattern.
 */
export function matchesJson(condition: JsonCondition, message: string, meter: WorkMeter): boolean {
  let start = 0;
  while (start < message.length && /\s/.test(message[start]!)) start++;
  meter.steps += start + 1;
  if (message[start] !== '{') return false;
  let document: unknown;
  meter.steps += message.length;
  try {
    document = JSON.parse(message);
  } catch {
    return false;
  }
  return evaluate(condition, document, meter);
}

function evaluate(condition: JsonCondition, document: unknown, meter: WorkMeter): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluate(condition.left, document, meter) && evaluate(condition.right, document, meter);
    case 'or':
      return evaluate(condition.left, document, meter) || evaluate(condition.right, document, meter);
    case 'is': {
      const value = select(document, condition.path, meter);
      if (condition.test === 'NOT EXISTS') return value === MISSING;
      if (condition.test === 'NULL') return value === null;
      return value === (condition.test === 'TRUE');
    }
    case 'compare': {
      const value = select(document, condition.path, meter);
      const { op, value: expected } = condition;
      // A field that is missing, or of another type than the pattern's value, matches no comparison (= or !=).
      if (typeof expected === 'number') {
        if (typeof value !== 'number') return false;
        meter.steps++;
        return compareNumbers(value, op, expected);
      }
      if (typeof value !== 'string') return false;
      const equal = globMatches(expected, value, meter);
      return op === '=' ? equal : !equal;
    }
  }
}

function compareNumbers(value: number, op: string, expected: number): boolean {
  switch (op) {
    case '=':
      return value === expected;
    case '!=':
      return value !== expected;
    case '<':
      return value < expected;
    case '<=':
      return value <= expected;
    case '>':
      return value > expected;
    default:
      return value >= expected;
  }
}

/** The value a selector names, or MISSING; own properties only, so `$.constructor` names nothing inherited. */
function select(document: unknown, path: PathStep[], meter: WorkMeter): unknown {
  let current = document;
  for (const step of path) {
    meter.steps++;
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return MISSING;
      current = current[step];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return MISSING;
      if (!Object.hasOwn(current, step)) return MISSING;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}
