/** What is live for one environment after a deployment: enough to make it live again. */
export interface ReleaseManifest {
  frontend?: {
    bucket: string;
    objects: Array<{ key: string; versionId: string; md5: string; etag?: string }>;
  };
  backend?: {
    /** `alias`: the alias that serves `version` (absent in records from before it was kept). */
    functions: Array<{ name: string; version: string; codeSha256: string; alias?: string }>;
    /** `definitionHash`: digest of the API's resources, methods and integrations when the stage was deployed. */
    api?: {
      restApiId: string;
      stage: string;
      deploymentId: string;
      definitionHash?: string;
      variables?: Record<string, string>;
    };
  };
}

export interface ReleaseRecord {
  environment: string;
  number: number;
  deploymentId: string;
  createdAt: string;
  manifest: ReleaseManifest;
}
