import { isPlainObject } from './paths.js';
import type { Override } from './provenance.js';

const PATH_VARIABLE = 'OMNIX__STATE__PATH';
const BACKEND_VARIABLE = 'OMNIX__STATE__BACKEND';

/**
 * `OMNIX__STATE__PATH` alone means "keep the state in this folder": the file backend, whatever
 * backend the files configure (only the file backend has a path). With `OMNIX__STATE__BACKEND` also
 * set, both are plain overrides. The lock lifetime the files configure is kept.
 */
export function impliedFileState(
  env: Readonly<Record<string, string | undefined>>,
  merged: Record<string, unknown>,
): Override | undefined {
  const path = env[PATH_VARIABLE];
  if (path === undefined || env[BACKEND_VARIABLE] !== undefined) return undefined;
  const state = isPlainObject(merged.state) ? merged.state : {};
  if (state.backend === undefined || state.backend === 'file') return undefined;
  return {
    variable: PATH_VARIABLE,
    path: ['state'],
    value: {
      backend: 'file',
      path,
      ...(state.lockTtlSeconds === undefined ? {} : { lockTtlSeconds: state.lockTtlSeconds }),
    },
  };
}
