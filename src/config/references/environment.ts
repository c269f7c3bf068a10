import type { ConfigResolver } from './types.js';

/** `${environment}`: the name of the environment being loaded. */
export const environmentResolver: ConfigResolver = {
  kind: 'environment',
  phase: 'config',
  syntax: '${environment}',
  check: (argument) => (argument === '' ? undefined : '${environment} takes no argument'),
  resolve: (_argument, context) => context.environment,
};
