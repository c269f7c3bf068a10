export interface IntegrationRecord {
  type: string;
  httpMethod: string;
  uri: string;
  passthroughBehavior: string;
  timeoutInMillis: number;
}

export interface MethodRecord {
  httpMethod: string;
  authorizationType: string;
  apiKeyRequired: boolean;
  integration?: IntegrationRecord;
}

export interface ResourceRecord {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  methods: Record<string, MethodRecord>;
}

/** What a deployment froze: the resources and their methods at that moment. */
export interface DeploymentRecord {
  id: string;
  description: string;
  createdDate: number;
  resources: ResourceRecord[];
}

export interface StageRecord {
  stageName: string;
  deploymentId: string;
  description: string;
  variables: Record<string, string>;
  createdDate: number;
  lastUpdatedDate: number;
}

export interface RestApiRecord {
  id: string;
  name: string;
  description: string;
  createdDate: number;
  rootResourceId: string;
  resources: ResourceRecord[];
  deployments: DeploymentRecord[];
  stages: Record<string, StageRecord>;
}
