/** A Lambda function ARN taken apart. */
export interface FunctionArn {
  partition: string;
  region: string;
  account: string;
  name: string;
  qualifier?: string;
}

/** `arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]` taken apart; undefined when it is not one. */
export function parseFunctionArn(arn: string): FunctionArn | undefined {
  const parts = arn.split(':');
  if (
    parts.length < 7 ||
    parts.length > 8 ||
    parts[0] !== 'arn' ||
    parts[2] !== 'lambda' ||
    parts[5] !== 'function'
  )
    return undefined;
  const [, partition, , region, account, , name, qualifier] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if (!name) return undefined;
  return { partition, region, account, name, ...(qualifier ? { qualifier } : {}) };
}

/** The URI a REST API's Lambda proxy integration invokes `functionArn` with. */
export function lambdaInvocationUri(functionArn: string): string {
  const arn = parseFunctionArn(functionArn);
  const partition = arn?.partition ?? 'aws';
  const region = arn?.region ?? '';
  return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

const INVOCATIONS = '/invocations';
const FUNCTIONS = ':lambda:path/2015-03-31/functions/';

/**
 * The function ARN an integration URI invokes: the URI itself when it is a function ARN (HTTP APIs take
 * those), or the ARN inside `arn:…:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations`.
 */
export function functionArnOfUri(uri: string): string | undefined {
  const inside = uri.indexOf(FUNCTIONS);
  if (inside >= 0 && uri.endsWith(INVOCATIONS))
    return uri.slice(inside + FUNCTIONS.length, uri.length - INVOCATIONS.length);
  return uri.startsWith('arn:') ? uri : undefined;
}

/** The ARN API Gateway names as the source when API `apiId` invokes a function: any stage, method and path. */
export function executeApiSourceArn(functionArn: FunctionArn, apiId: string): string {
  return `arn:${functionArn.partition}:execute-api:${functionArn.region}:${functionArn.account}:${apiId}/*`;
}

/**
 * The source ARN API Gateway names when stage `stage` of API `apiId` serves a request on route `routeKey`
 * (`GET` standing for any method of an `ANY` route): what a resource policy's condition is checked with.
 */
export function routeSourceArn(
  functionArn: FunctionArn,
  apiId: string,
  stage: string,
  routeKey: string,
): string {
  const base = `arn:${functionArn.partition}:execute-api:${functionArn.region}:${functionArn.account}:${apiId}/${stage}`;
  if (routeKey === '$default') return `${base}/$default`;
  const space = routeKey.indexOf(' ');
  const method = routeKey.slice(0, space);
  return `${base}/${method === 'ANY' ? 'GET' : method}${routeKey.slice(space + 1)}`;
}
