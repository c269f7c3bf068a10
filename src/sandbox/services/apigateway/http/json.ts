import type {
  HttpApiRecord,
  HttpDeploymentRecord,
  HttpIntegrationRecord,
  HttpRouteRecord,
  HttpStageRecord,
} from './model.js';

/** The wire shapes of API Gateway v2 (camelCase members, ISO 8601 dates). */
export const apiJson = (api: HttpApiRecord, apiEndpoint: string) => ({
  apiEndpoint,
  apiId: api.apiId,
  apiKeySelectionExpression: '$request.header.x-api-key',
  createdDate: api.createdDate,
  ...(api.description !== undefined ? { description: api.description } : {}),
  disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
  ipAddressType: 'ipv4',
  name: api.name,
  protocolType: api.protocolType,
  routeSelectionExpression: '$request.method $request.path',
  tags: api.tags,
  ...(api.version !== undefined ? { version: api.version } : {}),
});

export const routeJson = (route: HttpRouteRecord) => ({
  apiKeyRequired: false,
  authorizationType: 'NONE',
  ...(route.operationName !== undefined ? { operationName: route.operationName } : {}),
  routeId: route.routeId,
  routeKey: route.routeKey,
  ...(route.target !== undefined ? { target: route.target } : {}),
});

export const integrationJson = (integration: HttpIntegrationRecord) => ({
  connectionType: 'INTERNET',
  ...(integration.description !== undefined ? { description: integration.description } : {}),
  integrationId: integration.integrationId,
  integrationMethod: integration.integrationMethod,
  integrationType: integration.integrationType,
  integrationUri: integration.integrationUri,
  payloadFormatVersion: integration.payloadFormatVersion,
  timeoutInMillis: integration.timeoutInMillis,
});

export const stageJson = (stage: HttpStageRecord) => ({
  autoDeploy: stage.autoDeploy,
  createdDate: stage.createdDate,
  defaultRouteSettings: { detailedMetricsEnabled: false },
  ...(stage.deploymentId !== undefined ? { deploymentId: stage.deploymentId } : {}),
  ...(stage.description !== undefined ? { description: stage.description } : {}),
  ...(stage.lastDeploymentStatusMessage !== undefined
    ? { lastDeploymentStatusMessage: stage.lastDeploymentStatusMessage }
    : {}),
  lastUpdatedDate: stage.lastUpdatedDate,
  routeSettings: {},
  stageName: stage.stageName,
  stageVariables: stage.stageVariables,
  tags: stage.tags,
});

export const deploymentJson = (deployment: HttpDeploymentRecord) => ({
  autoDeployed: deployment.autoDeployed,
  createdDate: deployment.createdDate,
  deploymentId: deployment.deploymentId,
  deploymentStatus: 'DEPLOYED',
  ...(deployment.description !== undefined ? { description: deployment.description } : {}),
});
