import { OmnixError } from '../../core/errors.js';
import { escapeControl } from '../../core/text.js';

interface UnparsedAnswer {
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
}

/**
 * An answer the SDK could not read as AWS's, because it is none: no AWS error type and not JSON or XML
 * (an emulator's HTML "404 Not Found" for an operation it does not implement). Says so, instead of a
 * JSON parse error; undefined for anything else.
 */
export function notAnAwsAnswer(error: unknown, doing: string): OmnixError | undefined {
  const answer = (error ?? {}) as UnparsedAnswer;
  const headers = answer.$response?.headers;
  if (!headers || headers['x-amzn-errortype'] || headers['x-amzn-query-error']) return undefined;
  const type = escapeControl(String(headers['content-type'] ?? 'no content type').slice(0, 80));
  if (/json|xml/i.test(type)) return undefined;
  const status = answer.$metadata?.httpStatusCode ?? answer.$response?.statusCode;
  return new OmnixError(
    'OperationNotSupported',
    `${doing} failed: the endpoint answered HTTP ${status ?? '?'} (${type}) instead of an AWS answer, so it does not implement this operation`,
    {
      hint: 'aws.endpoint points at an emulator that lacks this part of the AWS API (moto has no API Gateway v2 deployments, for one): deploy to AWS, or to the omnix sandbox, which implements it.',
      cause: error,
    },
  );
}
