import { AwsError } from '../../protocol/aws-error.js';
import type { PolicyStatement } from './model.js';

type Body = Record<string, unknown>;

const validation = (value: unknown, member: string, constraint: string) =>
  new AwsError(
    'ValidationException',
    `1 validation error detected: Value ${value === undefined ? 'null' : `'${String(value).slice(0, 200)}'`} at '${member}' failed to satisfy constraint: ${constraint}`,
    400,
  );

const invalid = (message: string) =>
  new AwsError('InvalidParameterValueException', message, 400, { Type: 'User' });

/** `apigateway.amazonaws.com` → `{ Service }`, an account id or ARN → `{ AWS }`, `*` stays. */
function principalOf(principal: string): PolicyStatement['Principal'] {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (/^arn:aws[a-z-]*:iam::\d{12}:[^\s]+$/.test(principal)) return { AWS: principal };
  if (/^[a-z0-9.-]+\.amazonaws\.com$/.test(principal)) return { Service: principal };
  throw invalid('The provided principal was invalid. Please check the principal and try again.');
}

/**
 * The statement AddPermission adds, built as Lambda builds it: the principal in IAM form, the
 * function (or qualified) ARN as Resource, SourceArn as `ArnLike AWS:SourceArn`, SourceAccount,
 * PrincipalOrgID, EventSourceToken and FunctionUrlAuthType as `StringEquals` conditions.
 */
export function statementFrom(body: Body, resource: string): PolicyStatement {
  const sid = body.StatementId;
  if (typeof sid !== 'string' || !/^[a-zA-Z0-9-_]{1,100}$/.test(sid))
    throw validation(sid, 'statementId', 'Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)');
  const action = body.Action;
  if (typeof action !== 'string' || !/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/.test(action))
    throw validation(
      action,
      'action',
      'Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])',
    );
  const principal = body.Principal;
  if (typeof principal !== 'string' || !/^[^\s]+$/.test(principal))
    throw validation(principal, 'principal', 'Member must satisfy regular expression pattern: [^\\s]+');

  const condition: Record<string, Record<string, string>> = {};
  const add = (operator: string, key: string, value: unknown, pattern: RegExp, member: string) => {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string' || !pattern.test(value))
      throw validation(value, member, `Member must satisfy regular expression pattern: ${pattern.source}`);
    condition[operator] = { ...condition[operator], [key]: value };
  };
  add(
    'ArnLike',
    'AWS:SourceArn',
    body.SourceArn,
    /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/,
    'sourceArn',
  );
  add('StringEquals', 'AWS:SourceAccount', body.SourceAccount, /^\d{12}$/, 'sourceAccount');
  add('StringEquals', 'aws:PrincipalOrgID', body.PrincipalOrgID, /^o-[a-z0-9]{10,32}$/, 'principalOrgID');
  add(
    'StringEquals',
    'lambda:EventSourceToken',
    body.EventSourceToken,
    /^[a-zA-Z0-9._-]{0,256}$/,
    'eventSourceToken',
  );
  add(
    'StringEquals',
    'lambda:FunctionUrlAuthType',
    body.FunctionUrlAuthType,
    /^(NONE|AWS_IAM)$/,
    'functionUrlAuthType',
  );
  if (body.InvokedViaFunctionUrl !== undefined && body.InvokedViaFunctionUrl !== null)
    throw invalid('The sandbox does not implement function URLs: leave InvokedViaFunctionUrl out.');
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: principalOf(principal),
    Action: action,
    Resource: resource,
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}
