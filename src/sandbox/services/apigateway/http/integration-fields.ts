import type { HttpIntegrationRecord } from './model.js';
import { badRequest } from './state.js';

type Body = Record<string, unknown>;

const NAME = '[A-Za-z0-9_.${}-]+';
const LAMBDA_ARN = new RegExp(`^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:${NAME}(:${NAME})?$`);
const INVOCATION_URI =
  /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/.+\/invocations$/;

/**
 * An integration from CreateIntegration's (or UpdateIntegration's) members over `base`: AWS_PROXY to
 * a Lambda function or alias ARN (or its `…/invocations` URI), payload format 1.0 or 2.0 (required,
 * as for every HTTP API Lambda integration), integration method POST, timeout 50–30000 ms. HTTP APIs
 * refuse AWS, HTTP and MOCK; HTTP_PROXY, private integrations and parameter mapping the sandbox refuses.
 */
export function integrationFrom(
  body: Body,
  base: Partial<HttpIntegrationRecord>,
): Omit<HttpIntegrationRecord, 'integrationId'> {
  for (const member of [
    'connectionId',
    'credentialsArn',
    'integrationSubtype',
    'requestParameters',
    'responseParameters',
    'tlsConfig',
  ])
    if (body[member] !== undefined && body[member] !== null)
      throw badRequest(`The sandbox does not implement '${member}' for HTTP API integrations; leave it out.`);
  for (const member of [
    'contentHandlingStrategy',
    'passthroughBehavior',
    'requestTemplates',
    'templateSelectionExpression',
  ])
    if (body[member] !== undefined && body[member] !== null)
      throw badRequest(`${member} is not supported for HTTP APIs`);
  if (body.connectionType !== undefined && body.connectionType !== 'INTERNET')
    throw badRequest('The sandbox serves INTERNET integrations only (no VPC links)');
  const type = body.integrationType ?? base.integrationType;
  if (type === 'AWS' || type === 'HTTP' || type === 'MOCK')
    throw badRequest(`Integration type ${type} is not supported for HTTP APIs. Use AWS_PROXY or HTTP_PROXY.`);
  if (type === 'HTTP_PROXY') throw badRequest('The sandbox serves AWS_PROXY (Lambda) integrations only.');
  if (type !== 'AWS_PROXY') throw badRequest(`Invalid integration type: ${String(type).slice(0, 50)}`);

  const uri = body.integrationUri ?? base.integrationUri;
  if (typeof uri !== 'string' || !(LAMBDA_ARN.test(uri) || INVOCATION_URI.test(uri)))
    throw badRequest(
      'Invalid integrationUri: an AWS_PROXY integration names a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>])',
    );
  const version = body.payloadFormatVersion ?? base.payloadFormatVersion;
  if (version !== '1.0' && version !== '2.0')
    throw badRequest('PayloadFormatVersion is required for Lambda integrations and must be 1.0 or 2.0');
  const method = body.integrationMethod ?? base.integrationMethod ?? 'POST';
  if (method !== 'POST') throw badRequest('Lambda proxy integrations use the POST integration method');
  const timeout = body.timeoutInMillis ?? base.timeoutInMillis ?? 30_000;
  if (!Number.isInteger(timeout) || (timeout as number) < 50 || (timeout as number) > 30_000)
    throw badRequest('Invalid timeoutInMillis: it must be between 50 and 30000');
  const description = body.description ?? base.description;
  if (description !== undefined && (typeof description !== 'string' || description.length > 1024))
    throw badRequest('Invalid description: at most 1024 characters');
  return {
    integrationType: 'AWS_PROXY',
    integrationUri: uri,
    integrationMethod: method,
    payloadFormatVersion: version,
    timeoutInMillis: timeout as number,
    ...(description !== undefined ? { description } : {}),
  };
}
