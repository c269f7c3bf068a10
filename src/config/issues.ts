import type { z } from 'zod';
import type { ConfigIssue } from '../core/errors.js';
import { closest } from '../core/suggest.js';
import { escapeControl } from '../core/text.js';
import { formatPath, getAt, type PathSegment } from './paths.js';
import type { Provenance } from './provenance.js';
import type { JsonSchema } from './schema.js';
import { describeExpected, isSecretPath, knownKeys, schemaNodesAt } from './schema-nav.js';
import { soundsSecret } from './secret-names.js';

/** `"abc"`, `42`, `a list`, … : what was found, for messages. */
export function describeValue(value: unknown): string {
  if (value === HIDDEN) return 'a value not shown here (it is a secret)';
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return escapeControl(JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value));
  return String(value);
}

/** Stands for a secret's value in messages: `describeValue` shows it as the words, not the value. */
const HIDDEN = Symbol('a secret value');

interface Context {
  data: unknown;
  schema: JsonSchema;
  provenance: Provenance;
}

/** Turns zod's issues into located, readable ones: file:line:column, path, expected, found, hint. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], context: Context): ConfigIssue[] {
  return issues.flatMap((issue) => convert(issue, context));
}

function convert(issue: z.core.$ZodIssue, { data, schema, provenance }: Context): ConfigIssue[] {
  const path = issue.path.map((segment) =>
    typeof segment === 'number' ? segment : String(segment),
  ) as PathSegment[];
  const value = getAt(data, path);
  // A secret is never printed, not even the wrong one a configuration holds.
  const secret = isSecretPath(schema, path, data) || (path.length > 0 && soundsSecret(String(path.at(-1))));
  const found = secret && value !== undefined && value !== null && typeof value !== 'object' ? HIDDEN : value;
  const located = (
    at: PathSegment[],
    fields: Omit<ConfigIssue, 'source' | 'path'>,
    atKey = false,
  ): ConfigIssue => ({
    ...provenance.locate(at, { atKey }),
    path: formatPath(at),
    ...fields,
  });

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schemaNodesAt(schema, path, data));
      return issue.keys.map((key) => {
        const suggestion = closest(key, known);
        return located(
          [...path, key],
          {
            message: `unknown key '${key}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
            expected: `one of: ${known.join(', ')}`,
            found: key,
            hint: suggestion
              ? `Rename '${key}' to '${suggestion}'.`
              : `Remove it; the keys allowed ${path.length > 0 ? `under ${formatPath(path)}` : 'at the top level'} are: ${known.join(', ')}.`,
          },
          true,
        );
      });
    }
    case 'invalid_type': {
      const expected = describeExpected(schemaNodesAt(schema, path, data));
      if (found === undefined) {
        const key = String(path.at(-1));
        return [
          located(path, {
            message: `missing required key '${key}' (${expected})`,
            expected,
            found: 'nothing',
            hint: `Add '${key}' ${path.length > 1 ? `under ${formatPath(path.slice(0, -1))} ` : ''}in the master file or the environment file.`,
          }),
        ];
      }
      return [
        located(path, {
          message: `expected ${expected}, found ${describeValue(found)}`,
          expected,
          found: describeValue(found),
        }),
      ];
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const suggestion = typeof found === 'string' ? closest(found, options) : undefined;
      return [
        located(path, {
          message: `expected one of: ${options.join(', ')}; found ${describeValue(found)}`,
          expected: `one of: ${options.join(', ')}`,
          found: describeValue(found),
          ...(suggestion ? { hint: `Did you mean '${suggestion}'?` } : {}),
        }),
      ];
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
      if (discriminator && options.length > 0) {
        const suggestion = typeof found === 'string' ? closest(found, options) : undefined;
        return [
          located(path, {
            message:
              found === undefined
                ? `missing '${discriminator}': expected one of: ${options.join(', ')}`
                : `expected one of: ${options.join(', ')}; found ${describeValue(found)}`,
            expected: `one of: ${options.join(', ')}`,
            found: describeValue(found),
            ...(suggestion ? { hint: `Did you mean '${suggestion}'?` } : {}),
          }),
        ];
      }
      return [
        located(path, {
          message: `does not match any allowed form; found ${describeValue(found)}`,
          found: describeValue(found),
        }),
      ];
    }
    default:
      return [
        located(path, {
          message: `${issue.message.replace(/^Invalid input: /, '')}; found ${describeValue(found)}`,
          found: describeValue(found),
        }),
      ];
  }
}
