import type { Persistence } from '../../persistence.js';
import type { SandboxRequest, SandboxResponse } from '../../service.js';
import type { LambdaState } from './state.js';

/** Where GetFunction's `Code.Location` points: the sandbox's own unsigned serving path. */
export function lambdaCodeUrl(host: string, blob: string): string {
  return `http://${host}/_omnix/lambdacode/${blob}`;
}

/**
 * Serves `/_omnix/lambdacode/<blob>`: the deployment package of a function version, as AWS serves it
 * from GetFunction's presigned `Code.Location`. Only code some version holds is served.
 */
export function createLambdaCodeServer(state: LambdaState, persistence: Persistence) {
  return async (request: SandboxRequest, blob: string): Promise<SandboxResponse> => {
    if (request.method !== 'GET') return { status: 405, body: 'Only GET is served.\n' };
    if (!/^[0-9a-f]{64}$/.test(blob) || !state.holdsCode(blob))
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'No such function code.\n' };
    return {
      status: 200,
      headers: { 'content-type': 'application/zip' },
      body: persistence.getBlob(blob),
    };
  };
}
