import {
  type ApiGatewayV2Client,
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  GetApiCommand,
  GetApisCommand,
  GetDeploymentCommand,
  GetStageCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { OmnixError } from '../../core/errors.js';
import { pollUntil } from '../../core/poll.js';
import { type ApiGatewayKind, autoDeployRefusal } from './api-kind.js';
import { awsErrorName, fromAwsError } from './errors.js';
import { changeHttpRoutes, everyPage, httpIntegrationOf, readHttpDefinition } from './http-routes.js';

async function findHttpApi(client: ApiGatewayV2Client, id: string | undefined, name: string | undefined) {
  try {
    if (id) {
      await client.send(new GetApiCommand({ ApiId: id }));
      return id;
    }
    const apis = await everyPage((NextToken) => client.send(new GetApisCommand({ NextToken })));
    const matches = apis
      .filter((api) => api.Name === name && api.ProtocolType === 'HTTP')
      .map((api) => api.ApiId!);
    if (matches.length === 1) return matches[0]!;
    throw new OmnixError(
      matches.length === 0 ? 'ApiNotFound' : 'ApiAmbiguous',
      matches.length === 0
        ? `no HTTP API is named ${name}`
        : `${matches.length} HTTP APIs are named ${name}: ${matches.join(', ')}`,
      { hint: 'Set backend.api.id to the API to deploy to.' },
    );
  } catch (error) {
    throw fromAwsError(error, `finding the HTTP API ${id ?? name}`);
  }
}

async function readHttpStage(client: ApiGatewayV2Client, apiId: string, stage: string) {
  try {
    const got = await client.send(new GetStageCommand({ ApiId: apiId, StageName: stage }));
    return {
      apiId,
      stage,
      deploymentId: got.DeploymentId ?? '',
      variables: got.StageVariables ?? {},
      autoDeploy: got.AutoDeploy === true,
    };
  } catch (error) {
    if (awsErrorName(error) === 'NotFoundException') return undefined;
    throw fromAwsError(error, `reading stage ${stage} of the HTTP API ${apiId}`);
  }
}

/** Waits while API Gateway says the deployment is PENDING; a FAILED one is an error with its reason. */
async function deployed(client: ApiGatewayV2Client, apiId: string, deploymentId: string, status?: string) {
  let current = { status, message: undefined as string | undefined };
  if (current.status === 'PENDING')
    current = await pollUntil(`deployment ${deploymentId} of ${apiId}`, async () => {
      const got = await client.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: deploymentId }));
      return got.DeploymentStatus === 'PENDING'
        ? undefined
        : { status: got.DeploymentStatus, message: got.DeploymentStatusMessage };
    });
  if (current.status === 'FAILED')
    throw new OmnixError(
      'ApiDeploymentFailed',
      `deployment ${deploymentId} of the HTTP API ${apiId} failed: ${current.message ?? 'no reason given'}`,
    );
}

/**
 * HTTP APIs (API Gateway v2): routes with AWS_PROXY integrations (payload format 2.0), stages that may
 * deploy by themselves, `$default` served at the API's root URL.
 */
export const httpApi: ApiGatewayKind = {
  type: 'http',
  label: 'HTTP API',
  find: async (clients, id, name) => findHttpApi(await clients.apiGatewayV2(), id, name),
  readStage: async (clients, apiId, stage) => readHttpStage(await clients.apiGatewayV2(), apiId, stage),
  readDefinition: async (clients, apiId) => readHttpDefinition(await clients.apiGatewayV2(), apiId),
  integrationOf: httpIntegrationOf,
  changeRoutes: async (clients, apiId, changes) =>
    changeHttpRoutes(await clients.apiGatewayV2(), apiId, changes),
  async deploy(clients, apiId, stage, description) {
    const client = await clients.apiGatewayV2();
    let call = 'CreateDeployment';
    try {
      const created = await client.send(
        new CreateDeploymentCommand({
          ApiId: apiId,
          Description: description,
          ...(stage.exists ? { StageName: stage.name } : {}),
        }),
      );
      const deploymentId = created.DeploymentId!;
      call = 'GetDeployment';
      await deployed(client, apiId, deploymentId, created.DeploymentStatus);
      call = 'CreateStage';
      if (!stage.exists)
        await client.send(
          new CreateStageCommand({
            ApiId: apiId,
            StageName: stage.name,
            DeploymentId: deploymentId,
            AutoDeploy: false,
          }),
        );
      return deploymentId;
    } catch (error) {
      throw fromAwsError(error, `deploying the HTTP API ${apiId} to stage ${stage.name} (${call})`);
    }
  },
  async setVariables(clients, apiId, stage, plan) {
    // An empty value removes a stage variable.
    const StageVariables = {
      ...plan.setVariables,
      ...Object.fromEntries(plan.removeVariables.map((name) => [name, ''])),
    };
    try {
      await (await clients.apiGatewayV2()).send(
        new UpdateStageCommand({ ApiId: apiId, StageName: stage, StageVariables }),
      );
    } catch (error) {
      throw fromAwsError(error, `updating the variables of stage ${stage} of the HTTP API ${apiId}`);
    }
  },
  async pointStage(clients, live, deploymentId, { variables, turnOffAutoDeploy }) {
    if (live.autoDeploy && !turnOffAutoDeploy) throw autoDeployRefusal(live);
    const client = await clients.apiGatewayV2();
    const base = { ApiId: live.apiId, StageName: live.stage };
    try {
      if (live.autoDeploy) await client.send(new UpdateStageCommand({ ...base, AutoDeploy: false }));
      const changed: Record<string, string> = {};
      for (const [name, value] of Object.entries(variables ?? {}))
        if (live.variables[name] !== value) changed[name] = value;
      if (variables)
        for (const name of Object.keys(live.variables)) if (!(name in variables)) changed[name] = '';
      const move = live.deploymentId !== deploymentId;
      if (!move && Object.keys(changed).length === 0) return;
      await client.send(
        new UpdateStageCommand({
          ...base,
          ...(move ? { DeploymentId: deploymentId } : {}),
          ...(Object.keys(changed).length > 0 ? { StageVariables: changed } : {}),
        }),
      );
    } catch (error) {
      throw fromAwsError(
        error,
        `pointing stage ${live.stage} of the HTTP API ${live.apiId} at deployment ${deploymentId}`,
      );
    }
  },
  async deploymentExists(clients, apiId, deploymentId) {
    try {
      await (await clients.apiGatewayV2()).send(
        new GetDeploymentCommand({ ApiId: apiId, DeploymentId: deploymentId }),
      );
      return true;
    } catch (error) {
      if (awsErrorName(error) === 'NotFoundException') return false;
      throw fromAwsError(error, `reading deployment ${deploymentId} of the HTTP API ${apiId}`);
    }
  },
  async deleteDeployment(clients, apiId, deploymentId) {
    try {
      await (await clients.apiGatewayV2()).send(
        new DeleteDeploymentCommand({ ApiId: apiId, DeploymentId: deploymentId }),
      );
      return 'deleted';
    } catch (error) {
      if (awsErrorName(error) === 'BadRequestException') return 'in-use';
      if (awsErrorName(error) === 'NotFoundException') return 'gone';
      throw fromAwsError(error, `deleting deployment ${deploymentId} of the HTTP API ${apiId}`);
    }
  },
};
