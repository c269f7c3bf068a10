import { createHash } from 'node:crypto';
import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  GetRestApiCommand,
  GetStageCommand,
  type Method,
  paginateGetResources,
  paginateGetRestApis,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { OmnixError } from '../../core/errors.js';
import type { LiveApiStage, StagePlan } from './api-kind.js';
import { fromAwsError } from './errors.js';

/** The REST API by id, or by name (which must be unique). */
export async function findRestApi(
  gateway: APIGatewayClient,
  id: string | undefined,
  name: string | undefined,
): Promise<string> {
  try {
    if (id) {
      await gateway.send(new GetRestApiCommand({ restApiId: id }));
      return id;
    }
    const matches: string[] = [];
    for await (const page of paginateGetRestApis({ client: gateway }, {})) {
      for (const api of page.items ?? []) if (api.name === name && api.id) matches.push(api.id);
    }
    if (matches.length === 1) return matches[0]!;
    throw new OmnixError(
      matches.length === 0 ? 'ApiNotFound' : 'ApiAmbiguous',
      matches.length === 0
        ? `no REST API is named ${name}`
        : `${matches.length} REST APIs are named ${name}: ${matches.join(', ')}`,
      {
        hint: 'Set backend.api.id to the API to deploy to.',
      },
    );
  } catch (error) {
    throw fromAwsError(error, `finding the REST API ${id ?? name}`);
  }
}

export async function readStage(
  gateway: APIGatewayClient,
  restApiId: string,
  stage: string,
): Promise<LiveApiStage | undefined> {
  try {
    const got = await gateway.send(new GetStageCommand({ restApiId, stageName: stage }));
    return {
      apiId: restApiId,
      stage,
      deploymentId: got.deploymentId ?? '',
      variables: got.variables ?? {},
      autoDeploy: false,
    };
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFoundException') return undefined;
    throw fromAwsError(error, `reading stage ${stage} of ${restApiId}`);
  }
}

/** One method of a resource and where its integration sends requests. */
export interface ApiMethod {
  resourceId: string;
  path: string;
  method: string;
  authorizationType: string;
  integrationType: string;
  integrationHttpMethod: string;
  uri: string;
}

/** Every method of every resource of the API, with its integration. */
export async function readApiMethods(gateway: APIGatewayClient, restApiId: string): Promise<ApiMethod[]> {
  const methods: ApiMethod[] = [];
  try {
    for await (const page of paginateGetResources({ client: gateway }, { restApiId, embed: ['methods'] })) {
      for (const resource of page.items ?? []) {
        for (const [method, detail] of Object.entries(resource.resourceMethods ?? {}) as Array<
          [string, Method]
        >) {
          const integration = detail.methodIntegration;
          methods.push({
            resourceId: resource.id ?? '',
            path: resource.path ?? '',
            method,
            authorizationType: detail.authorizationType ?? '',
            integrationType: integration?.type ?? '',
            integrationHttpMethod: integration?.httpMethod ?? '',
            uri: integration?.uri ?? '',
          });
        }
      }
    }
  } catch (error) {
    throw fromAwsError(error, `reading the definition of ${restApiId}`);
  }
  return methods;
}

/**
 * A digest of the API's definition: every resource path, its methods and their integrations. A stage
 * needs a new deployment when this differs from the digest recorded when it was last deployed.
 */
export function apiDefinitionHash(methods: readonly ApiMethod[]): string {
  const definition = methods.map(
    (m) =>
      `${m.path} ${m.method} ${m.authorizationType} ${m.integrationType} ${m.integrationHttpMethod} ${m.uri}`,
  );
  return createHash('sha256').update(definition.sort().join('\n')).digest('hex');
}

/** A new deployment of the API's current definition on the stage (creating the stage if needed). */
export async function redeploy(
  gateway: APIGatewayClient,
  restApiId: string,
  stage: string,
  description: string,
): Promise<string> {
  try {
    const deployment = await gateway.send(
      new CreateDeploymentCommand({ restApiId, stageName: stage, description }),
    );
    return deployment.id!;
  } catch (error) {
    throw fromAwsError(error, `deploying ${restApiId} to stage ${stage}`);
  }
}

export async function updateStageVariables(
  gateway: APIGatewayClient,
  restApiId: string,
  stage: string,
  plan: StagePlan,
): Promise<void> {
  const patchOperations = [
    ...Object.entries(plan.setVariables).map(([name, value]) => ({
      op: 'replace' as const,
      path: `/variables/${name}`,
      value,
    })),
    ...plan.removeVariables.map((name) => ({ op: 'remove' as const, path: `/variables/${name}` })),
  ];
  try {
    await gateway.send(new UpdateStageCommand({ restApiId, stageName: stage, patchOperations }));
  } catch (error) {
    throw fromAwsError(error, `updating the variables of stage ${stage}`);
  }
}

/** Points the stage at a deployment and, when given, sets its variables to exactly `variables`. */
export async function pointStage(
  gateway: APIGatewayClient,
  live: LiveApiStage,
  deploymentId: string,
  variables?: Record<string, string>,
): Promise<void> {
  const patchOperations = [
    ...(live.deploymentId === deploymentId
      ? []
      : [{ op: 'replace' as const, path: '/deploymentId', value: deploymentId }]),
    ...Object.entries(variables ?? {})
      .filter(([name, value]) => live.variables[name] !== value)
      .map(([name, value]) => ({ op: 'replace' as const, path: `/variables/${name}`, value })),
    ...(variables
      ? Object.keys(live.variables)
          .filter((name) => !(name in variables))
          .map((name) => ({ op: 'remove' as const, path: `/variables/${name}` }))
      : []),
  ];
  if (patchOperations.length === 0) return;
  try {
    await gateway.send(
      new UpdateStageCommand({ restApiId: live.apiId, stageName: live.stage, patchOperations }),
    );
  } catch (error) {
    throw fromAwsError(error, `pointing stage ${live.stage} at deployment ${deploymentId}`);
  }
}
