import { parseDottedPath } from '../paths.js';
import type { ConfigResolver } from './types.js';

/** `${self:path.to.value}`: another value of the same configuration (numeric segments index lists). */
export const selfResolver: ConfigResolver = {
  kind: 'self',
  phase: 'config',
  syntax: '${self:path.to.value}',
  check: (argument) =>
    /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(argument)
      ? undefined
      : `'${argument}' is not a dotted configuration path such as frontend.bucket`,
  resolve: (argument, context) => context.lookup(parseDottedPath(argument)),
};
