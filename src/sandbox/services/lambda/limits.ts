import { AwsError } from '../../protocol/aws-error.js';
import type { BodyLimit } from '../../protocol/body.js';
import { MAX_ZIPPED_BYTES } from './code.js';

/** Lambda's limit for a synchronous invocation's request payload (6 MB). */
export const MAX_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** A 50 MB zip sent as base64 in CreateFunction/UpdateFunctionCode's JSON, with room for the other fields. */
const MAX_CODE_REQUEST_BYTES = Math.ceil((MAX_ZIPPED_BYTES * 4) / 3) + 1024 * 1024;
/** Any other Lambda API request (configuration, aliases). */
const MAX_OTHER_REQUEST_BYTES = 1024 * 1024;

/** Lambda's request size limits, checked while the body streams in. */
export function requestLimit(method: string, rawPath: string): BodyLimit | undefined {
  if (method !== 'POST' && method !== 'PUT') return undefined;
  if (/\/functions\/[^/]+\/invocations$/.test(rawPath)) {
    return {
      bytes: MAX_INVOKE_PAYLOAD_BYTES,
      error: new AwsError(
        'RequestTooLargeException',
        `Request must be smaller than ${MAX_INVOKE_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
        413,
        { Type: 'User' },
      ),
    };
  }
  if (/\/functions\/?$/.test(rawPath) || /\/functions\/[^/]+\/code$/.test(rawPath)) {
    return {
      bytes: MAX_CODE_REQUEST_BYTES,
      error: new AwsError(
        'RequestEntityTooLargeException',
        `Request must be smaller than ${MAX_ZIPPED_BYTES} bytes for the CreateFunction or UpdateFunctionCode operation`,
        413,
        { Type: 'User' },
      ),
    };
  }
  return {
    bytes: MAX_OTHER_REQUEST_BYTES,
    error: new AwsError('RequestTooLargeException', 'Request must be smaller than 1048576 bytes', 413, {
      Type: 'User',
    }),
  };
}
