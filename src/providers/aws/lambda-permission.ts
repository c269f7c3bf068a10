import {
  AddPermissionCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { OmnixError } from '../../core/errors.js';
import { awsErrorName, fromAwsError } from './errors.js';
import { executeApiSourceArn, parseFunctionArn } from './lambda-arn.js';

/** One statement of a function's resource policy, as Lambda returns it. */
export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: string | { Service?: string | string[]; AWS?: string | string[] };
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** The ARN of alias `alias` of function `name`, from the function's own ARN (its account and partition). */
export async function aliasArnOf(lambda: LambdaClient, name: string, alias: string): Promise<string> {
  try {
    const got = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const arn = parseFunctionArn(got.FunctionArn ?? '');
    if (!arn) throw new OmnixError('UnexpectedAnswer', `Lambda gave ${name} no function ARN`);
    return `arn:${arn.partition}:lambda:${arn.region}:${arn.account}:function:${arn.name}:${alias}`;
  } catch (error) {
    throw fromAwsError(error, `reading the ARN of ${name}`);
  }
}

/** The statements of the resource policy of `name` at `qualifier` (none when it has no policy). */
export async function readResourcePolicy(
  lambda: LambdaClient,
  name: string,
  qualifier: string,
): Promise<PolicyStatement[]> {
  try {
    const got = await lambda.send(new GetPolicyCommand({ FunctionName: name, Qualifier: qualifier }));
    const policy = JSON.parse(got.Policy ?? '{}') as { Statement?: PolicyStatement[] | PolicyStatement };
    const statements = policy.Statement ?? [];
    return Array.isArray(statements) ? statements : [statements];
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return [];
    throw fromAwsError(error, `reading the resource policy of ${name}:${qualifier}`);
  }
}

/** The statement id omnix gives the permission of API `apiId` to invoke an alias. */
export const invokePermissionId = (apiId: string) => `omnix-apigateway-${apiId}`;

/**
 * Lets API `apiId` invoke the alias `aliasArn` (a statement on the alias's resource policy: API Gateway
 * invokes the alias ARN, and a function's unqualified policy does not cover its aliases). Returns false
 * when omnix's statement was already there.
 */
export async function allowApiToInvoke(
  lambda: LambdaClient,
  aliasArn: string,
  apiId: string,
): Promise<boolean> {
  const arn = parseFunctionArn(aliasArn);
  if (!arn?.qualifier)
    throw new OmnixError('NotAnAliasArn', `${aliasArn} is not the ARN of a function alias`);
  const sid = invokePermissionId(apiId);
  const statements = await readResourcePolicy(lambda, arn.name, arn.qualifier);
  if (statements.some((statement) => statement.Sid === sid)) return false;
  try {
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: arn.name,
        Qualifier: arn.qualifier,
        StatementId: sid,
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: executeApiSourceArn(arn, apiId),
      }),
    );
    return true;
  } catch (error) {
    // Added since it was read (another deployment of the same API)? Then it is there either way.
    if (
      awsErrorName(error) === 'ResourceConflictException' &&
      (await readResourcePolicy(lambda, arn.name, arn.qualifier)).some((statement) => statement.Sid === sid)
    )
      return false;
    throw fromAwsError(error, `letting API ${apiId} invoke ${arn.name}:${arn.qualifier}`);
  }
}
