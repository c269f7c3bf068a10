import { leaves } from '../paths.js';
import type { Rule } from './rule.js';

/**
 * The stack name of the placeholders `omnix migrate scan` writes where a draft configuration has no
 * value or conflicting ones: `${cfn:omnix-migrate-todo.SiteBucket}`. As a deploy-time reference it
 * passes every format check, and a deployment stops at it (no such stack) instead of using it.
 */
export const MIGRATION_PLACEHOLDER_STACK = 'omnix-migrate-todo';

/** Values still holding a placeholder from `omnix migrate scan`: named so none is forgotten. */
export const migrationPlaceholdersRemain: Rule = ({ config }) =>
  leaves(config).flatMap(([path, value]) =>
    typeof value === 'string' && value.includes(`\${cfn:${MIGRATION_PLACEHOLDER_STACK}.`)
      ? [
          {
            severity: 'warning' as const,
            path,
            message: 'a placeholder left by omnix migrate scan',
            hint: 'Replace it with the real value: the comment above it in the file says which values the scripts gave, or that they gave none.',
          },
        ]
      : [],
  );
