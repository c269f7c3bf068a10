import type { ApiGatewayKind } from './api-kind.js';
import {
  apiDefinitionHash,
  findRestApi,
  pointStage,
  readApiMethods,
  readStage,
  redeploy,
  updateStageVariables,
} from './api-stage.js';
import { lambdaInvocationUri } from './lambda-arn.js';
import { apiDeploymentExists, deleteApiDeployment } from './released-versions.js';
import { changeRestRoutes } from './rest-routes.js';

/** REST APIs (API Gateway v1): a route is a method on a resource; `CreateDeployment` creates a missing stage. */
export const restApi: ApiGatewayKind = {
  type: 'rest',
  label: 'REST API',
  find: async (clients, id, name) => findRestApi(await clients.apiGateway(), id, name),
  readStage: async (clients, apiId, stage) => readStage(await clients.apiGateway(), apiId, stage),
  async readDefinition(clients, apiId) {
    const methods = await readApiMethods(await clients.apiGateway(), apiId);
    return {
      hash: apiDefinitionHash(methods),
      routes: methods.map((m) => ({
        key: `${m.method} ${m.path}`,
        integration: m.integrationType
          ? `${m.authorizationType} ${m.integrationType} ${m.integrationHttpMethod} ${m.uri}`
          : '',
        uri: m.uri,
      })),
    };
  },
  integrationOf: (aliasArn) => `NONE AWS_PROXY POST ${lambdaInvocationUri(aliasArn)}`,
  changeRoutes: async (clients, apiId, changes) =>
    changeRestRoutes(await clients.apiGateway(), apiId, changes),
  deploy: async (clients, apiId, stage, description) =>
    redeploy(await clients.apiGateway(), apiId, stage.name, description),
  setVariables: async (clients, apiId, stage, plan) =>
    updateStageVariables(await clients.apiGateway(), apiId, stage, plan),
  pointStage: async (clients, live, deploymentId, { variables }) =>
    pointStage(await clients.apiGateway(), live, deploymentId, variables),
  deploymentExists: async (clients, apiId, deploymentId) =>
    apiDeploymentExists(await clients.apiGateway(), apiId, deploymentId),
  deleteDeployment: async (clients, apiId, deploymentId) =>
    deleteApiDeployment(await clients.apiGateway(), apiId, deploymentId),
};
