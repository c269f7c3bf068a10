import type { SandboxRequest, SandboxResponse } from '../service.js';
import { AwsError } from './aws-error.js';
import { xmlDocument } from './xml.js';

/** Parameters of an AWS Query request: the form body of a POST, or the query string. */
export function queryParams(request: SandboxRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  if (request.method === 'POST') {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.set(key, value);
  }
  return params;
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`: Query services and CloudFront. */
export function renderErrorResponse(namespace: string, error: AwsError, requestId: string): SandboxResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml', ...error.headers },
    body: xmlDocument('ErrorResponse', namespace, {
      Error: { Type: error.status >= 500 ? 'Receiver' : 'Sender', Code: error.code, Message: error.message },
      RequestId: requestId,
    }),
  };
}

export function unknownAction(action: string | null): AwsError {
  return new AwsError('InvalidAction', `Could not find operation ${action ?? '(no Action)'}`, 400);
}
