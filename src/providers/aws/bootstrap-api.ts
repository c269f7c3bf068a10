import type { ApiType } from './api-kind.js';
import type { AwsClients } from './clients.js';
import { fromAwsError } from './errors.js';
import { everyPage } from './http-routes.js';
import { lambdaInvocationUri } from './lambda-arn.js';
import { allowApiToInvoke } from './lambda-permission.js';

/**
 * The API to create. Without `routes` (omnix does not own them) it gets one route to `functionName:alias`
 * for everything and a stage deployed with it; with `routes` it is created empty, and the first deployment
 * adds the routes and the stage.
 */
export interface BootstrapApi {
  type: ApiType;
  name: string;
  stage: string;
  stageVariables: Record<string, string>;
  /** The function behind everything; unset when omnix owns the routes. */
  proxyTo?: { functionName: string; alias: string };
}

type Note = (created: boolean, what: string) => void;

const aliasArn = (region: string, account: string, to: NonNullable<BootstrapApi['proxyTo']>) =>
  `arn:aws:lambda:${region}:${account}:function:${to.functionName}:${to.alias}`;

/** A REST API with `ANY /` and `ANY /{proxy+}` proxied to the function's alias, deployed to the stage. */
async function bootstrapRestApi(
  clients: AwsClients,
  region: string,
  account: string,
  plan: BootstrapApi,
  note: Note,
) {
  const sdk = await import('@aws-sdk/client-api-gateway');
  const gateway = await clients.apiGateway();
  let restApiId: string | undefined;
  for await (const page of sdk.paginateGetRestApis({ client: gateway }, {}))
    restApiId ??= page.items?.find((api) => api.name === plan.name)?.id;
  if (restApiId) {
    note(false, `REST API ${plan.name} (${restApiId})`);
  } else {
    const api = await gateway.send(
      new sdk.CreateRestApiCommand({ name: plan.name, endpointConfiguration: { types: ['REGIONAL'] } }),
    );
    restApiId = api.id!;
    if (plan.proxyTo) {
      const proxy = await gateway.send(
        new sdk.CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: '{proxy+}' }),
      );
      for (const resourceId of [api.rootResourceId!, proxy.id!]) {
        await gateway.send(
          new sdk.PutMethodCommand({ restApiId, resourceId, httpMethod: 'ANY', authorizationType: 'NONE' }),
        );
        await gateway.send(
          new sdk.PutIntegrationCommand({
            restApiId,
            resourceId,
            httpMethod: 'ANY',
            type: 'AWS_PROXY',
            integrationHttpMethod: 'POST',
            uri: lambdaInvocationUri(aliasArn(region, account, plan.proxyTo)),
          }),
        );
      }
    }
    note(true, `REST API ${plan.name} (${restApiId})`);
  }
  if (!plan.proxyTo) return restApiId;
  const stages = await gateway.send(new sdk.GetStagesCommand({ restApiId }));
  if (stages.item?.some((stage) => stage.stageName === plan.stage)) note(false, `stage ${plan.stage}`);
  else {
    await gateway.send(
      new sdk.CreateDeploymentCommand({ restApiId, stageName: plan.stage, variables: plan.stageVariables }),
    );
    note(true, `stage ${plan.stage}`);
  }
  return restApiId;
}

/** An HTTP API with a `$default` route to the function's alias (payload 2.0), deployed to the stage. */
async function bootstrapHttpApi(
  clients: AwsClients,
  region: string,
  account: string,
  plan: BootstrapApi,
  note: Note,
) {
  const sdk = await import('@aws-sdk/client-apigatewayv2');
  const client = await clients.apiGatewayV2();
  const apis = await everyPage((NextToken) => client.send(new sdk.GetApisCommand({ NextToken })));
  let apiId = apis.find((api) => api.Name === plan.name && api.ProtocolType === 'HTTP')?.ApiId;
  if (apiId) note(false, `HTTP API ${plan.name} (${apiId})`);
  else {
    apiId = (await client.send(new sdk.CreateApiCommand({ Name: plan.name, ProtocolType: 'HTTP' }))).ApiId!;
    if (plan.proxyTo) {
      const integration = await client.send(
        new sdk.CreateIntegrationCommand({
          ApiId: apiId,
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: aliasArn(region, account, plan.proxyTo),
          PayloadFormatVersion: '2.0',
        }),
      );
      await client.send(
        new sdk.CreateRouteCommand({
          ApiId: apiId,
          RouteKey: '$default',
          Target: `integrations/${integration.IntegrationId}`,
        }),
      );
    }
    note(true, `HTTP API ${plan.name} (${apiId})`);
  }
  if (!plan.proxyTo) return apiId;
  const stages = await everyPage((NextToken) =>
    client.send(new sdk.GetStagesCommand({ ApiId: apiId, NextToken })),
  );
  if (stages.some((stage) => stage.StageName === plan.stage)) note(false, `stage ${plan.stage}`);
  else {
    const deployment = await client.send(new sdk.CreateDeploymentCommand({ ApiId: apiId }));
    await client.send(
      new sdk.CreateStageCommand({
        ApiId: apiId,
        StageName: plan.stage,
        DeploymentId: deployment.DeploymentId,
        AutoDeploy: false,
        ...(Object.keys(plan.stageVariables).length > 0 ? { StageVariables: plan.stageVariables } : {}),
      }),
    );
    note(true, `stage ${plan.stage}`);
  }
  return apiId;
}

/** Creates the API the plan names (leaving an existing one as it is) and lets it invoke the function's alias. */
export async function bootstrapApi(
  clients: AwsClients,
  region: string,
  account: string,
  plan: BootstrapApi,
  note: Note,
): Promise<string> {
  let apiId: string;
  try {
    apiId =
      plan.type === 'http'
        ? await bootstrapHttpApi(clients, region, account, plan, note)
        : await bootstrapRestApi(clients, region, account, plan, note);
  } catch (error) {
    throw fromAwsError(
      error,
      `creating the ${plan.type === 'http' ? 'HTTP' : 'REST'} API ${plan.name} and its stage ${plan.stage}`,
    );
  }
  if (
    plan.proxyTo &&
    (await allowApiToInvoke(await clients.lambda(), aliasArn(region, account, plan.proxyTo), apiId))
  )
    note(true, `permission for ${plan.name} to invoke ${plan.proxyTo.functionName}:${plan.proxyTo.alias}`);
  return apiId;
}
