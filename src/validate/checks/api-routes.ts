import type { OmnixConfig } from '../../config/schema.js';
import type { ApiGatewayKind, LiveRoute } from '../../providers/aws/api-kind.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import { policyAllowsApiGateway } from '../../providers/aws/invoke-policy.js';
import {
  executeApiSourceArn,
  type FunctionArn,
  functionArnOfUri,
  parseFunctionArn,
  routeSourceArn,
} from '../../providers/aws/lambda-arn.js';
import { readResourcePolicy } from '../../providers/aws/lambda-permission.js';
import type { ValidationFinding } from '../types.js';

type Backend = NonNullable<OmnixConfig['backend']>;

/** The function (and qualifier) a Lambda integration URI invokes, stage variables filled in. */
export function integrationTarget(
  uri: string,
  stageVariables: Record<string, string>,
): { name: string; qualifier?: string } | undefined {
  const arn = invokedArn(uri, stageVariables);
  return arn ? { name: arn.name, ...(arn.qualifier ? { qualifier: arn.qualifier } : {}) } : undefined;
}

function invokedArn(uri: string, stageVariables: Record<string, string>) {
  const filled = uri.replace(
    /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g,
    (whole, name: string) => stageVariables[name] ?? whole,
  );
  return parseFunctionArn(functionArnOfUri(filled) ?? '');
}

/**
 * The routes of an API omnix does not own: each integration with a configured function invokes its
 * alias, one invokes the function behind the API, and each alias's resource policy lets this API invoke
 * it (without, API Gateway answers 500).
 */
export async function checkUnmanagedRoutes(
  kind: ApiGatewayKind,
  apiId: string,
  stage: string,
  backend: Backend,
  served: string,
  variables: Record<string, string>,
  clients: AwsClients,
): Promise<ValidationFinding[]> {
  const problems: ValidationFinding[] = [];
  const byName = new Map(Object.values(backend.functions).map((fn) => [fn.name, fn]));
  const servedFn = backend.functions[served]!;
  const invoking: Array<{ route: LiveRoute; arn: FunctionArn }> = [];
  let invokesServed = false;
  for (const route of (await kind.readDefinition(clients, apiId)).routes) {
    const target = integrationTarget(route.uri, variables);
    const fn = target && byName.get(target.name);
    if (!target || !fn) continue;
    if (fn === servedFn) invokesServed = true;
    if (target.qualifier !== fn.alias) {
      problems.push({
        status: 'fail',
        message: `${route.key} invokes ${fn.name}${target.qualifier ? ` at ${target.qualifier}` : ' unqualified ($LATEST)'}, not its alias ${fn.alias}`,
        hint: `Point the integration at ${fn.name}:${fn.alias}: releases move the alias, and only an integration with it follows them.`,
      });
      continue;
    }
    invoking.push({ route, arn: invokedArn(route.uri, variables)! });
  }
  if (!invokesServed)
    problems.push({
      status: 'fail',
      message: `no integration of the ${kind.label} ${apiId} invokes ${servedFn.name}`,
      hint: `Add a Lambda proxy integration to ${servedFn.name}:${servedFn.alias}, or fix backend.api.function.`,
    });
  const lambda = await clients.lambda();
  const policies = new Map<string, Awaited<ReturnType<typeof readResourcePolicy>>>();
  const refused = new Set<string>();
  for (const { route, arn } of invoking) {
    const qualified = `${arn.name}:${arn.qualifier}`;
    if (refused.has(qualified)) continue;
    if (!policies.has(qualified))
      policies.set(qualified, await readResourcePolicy(lambda, arn.name, arn.qualifier!));
    if (policyAllowsApiGateway(policies.get(qualified)!, routeSourceArn(arn, apiId, stage, route.key)))
      continue;
    refused.add(qualified);
    problems.push({
      status: 'fail',
      message: `the resource policy of ${qualified} does not let the ${kind.label} ${apiId} invoke it: API Gateway answers 500 on ${route.key}`,
      hint: `aws lambda add-permission --function-name ${arn.name} --qualifier ${arn.qualifier} --statement-id apigateway-${apiId} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn '${executeApiSourceArn(arn, apiId)}'`,
    });
  }
  return problems;
}
