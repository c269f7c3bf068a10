import type { DeploymentRecord, MethodRecord, ResourceRecord, RestApiRecord, StageRecord } from './model.js';

/** The API's JSON shapes of its objects. */
export const restApiJson = (api: RestApiRecord) => ({
  id: api.id,
  name: api.name,
  description: api.description,
  createdDate: api.createdDate,
  apiKeySource: 'HEADER',
  endpointConfiguration: { types: ['REGIONAL'] },
  rootResourceId: api.rootResourceId,
  disableExecuteApiEndpoint: false,
});

export const methodJson = (method: MethodRecord) => ({
  httpMethod: method.httpMethod,
  authorizationType: method.authorizationType,
  apiKeyRequired: method.apiKeyRequired,
  ...(method.integration ? { methodIntegration: integrationJson(method) } : {}),
});

export const integrationJson = (method: MethodRecord) => ({
  type: method.integration!.type,
  httpMethod: method.integration!.httpMethod,
  uri: method.integration!.uri,
  passthroughBehavior: method.integration!.passthroughBehavior,
  timeoutInMillis: method.integration!.timeoutInMillis,
  cacheNamespace: 'sandbox',
  cacheKeyParameters: [],
});

export const resourceJson = (resource: ResourceRecord, embedMethods: boolean) => ({
  id: resource.id,
  ...(resource.parentId ? { parentId: resource.parentId } : {}),
  ...(resource.pathPart ? { pathPart: resource.pathPart } : {}),
  path: resource.path,
  ...(Object.keys(resource.methods).length > 0
    ? {
        resourceMethods: Object.fromEntries(
          Object.entries(resource.methods).map(([m, method]) => [m, embedMethods ? methodJson(method) : {}]),
        ),
      }
    : {}),
});

export const deploymentJson = (deployment: DeploymentRecord) => ({
  id: deployment.id,
  description: deployment.description,
  createdDate: deployment.createdDate,
});
export const stageJson = (stage: StageRecord) => ({
  ...stage,
  methodSettings: {},
  tracingEnabled: false,
  cacheClusterEnabled: false,
});
