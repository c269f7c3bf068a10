/** What is live for one environment after a deployment: enough to make it live again. */
export interface ReleaseManifest {
  frontend?: {
    bucket: string;
    objects: Array<{ key: string; versionId: string; md5: string; etag?: string }>;
  };
  backend?: {
    /** `alias`: the alias that serves `version` (absent in records from before it was kept). */
    functions: Array<{ name: string; version: string; codeSha256: string; alias?: string }>;
    api?: ReleasedApi;
  };
}

/** A route omnix made (`backend.api.routes`): its key and the function alias it invokes. */
export interface ReleasedRoute {
  key: string;
  function: string;
  alias: string;
}

/** What every kind of API records of its stage. */
interface ReleasedStage {
  stage: string;
  deploymentId: string;
  /** Digest of the API's routes and integrations when the stage was deployed. */
  definitionHash?: string;
  variables?: Record<string, string>;
  /** The routes when omnix manages them (absent: the API's routes were left as they were). */
  routes?: ReleasedRoute[];
}

/** A REST API's stage; `type` is absent in records from before HTTP APIs. */
export interface ReleasedRestApi extends ReleasedStage {
  type?: 'rest';
  restApiId: string;
}

/** An HTTP API's (API Gateway v2) stage. */
export interface ReleasedHttpApi extends ReleasedStage {
  type: 'http';
  apiId: string;
}

/** The API stage a release served. */
export type ReleasedApi = ReleasedRestApi | ReleasedHttpApi;

export interface ReleaseRecord {
  environment: string;
  number: number;
  deploymentId: string;
  createdAt: string;
  manifest: ReleaseManifest;
}
