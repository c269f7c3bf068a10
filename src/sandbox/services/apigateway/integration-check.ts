import { badRequest } from './state.js';

const LAMBDA_URI =
  /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/.+\/invocations$/;

/**
 * What REST APIs require of an AWS_PROXY integration with Lambda: the `…/functions/<arn>/invocations`
 * URI and the POST integration method (BadRequestException otherwise).
 */
export function checkAwsProxy(type: string, uri: unknown, httpMethod: unknown): void {
  if (type !== 'AWS_PROXY') return;
  if (typeof uri !== 'string' || !LAMBDA_URI.test(uri))
    throw badRequest('AWS ARN for integration must contain path or action');
  if (httpMethod !== 'POST')
    throw badRequest('AWS_PROXY integrations with Lambda use the POST integration HTTP method');
}
