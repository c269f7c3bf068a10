/** An AWS_PROXY integration with a Lambda function (the only kind the sandbox serves). */
export interface HttpIntegrationRecord {
  integrationId: string;
  integrationType: 'AWS_PROXY';
  /** A function or alias ARN, or the `…:lambda:path/2015-03-31/functions/<arn>/invocations` form. */
  integrationUri: string;
  integrationMethod: string;
  payloadFormatVersion: '1.0' | '2.0';
  timeoutInMillis: number;
  description?: string;
}

export interface HttpRouteRecord {
  routeId: string;
  /** `$default` or `METHOD /path`. */
  routeKey: string;
  /** `integrations/<integration id>`. */
  target?: string;
  operationName?: string;
}

/** What a deployment froze: the routes and integrations at that moment. */
export interface HttpDeploymentRecord {
  deploymentId: string;
  description?: string;
  createdDate: string;
  autoDeployed: boolean;
  routes: HttpRouteRecord[];
  integrations: HttpIntegrationRecord[];
}

export interface HttpStageRecord {
  stageName: string;
  deploymentId?: string;
  autoDeploy: boolean;
  description?: string;
  stageVariables: Record<string, string>;
  tags: Record<string, string>;
  createdDate: string;
  lastUpdatedDate: string;
  /** Why the last automatic deployment failed. */
  lastDeploymentStatusMessage?: string;
}

export interface HttpApiRecord {
  apiId: string;
  name: string;
  description?: string;
  version?: string;
  protocolType: 'HTTP';
  disableExecuteApiEndpoint: boolean;
  createdDate: string;
  /** The region it was created in (its ARN names it). */
  region: string;
  tags: Record<string, string>;
  routes: HttpRouteRecord[];
  integrations: HttpIntegrationRecord[];
  deployments: HttpDeploymentRecord[];
  stages: Record<string, HttpStageRecord>;
}
