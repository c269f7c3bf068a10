/** Where the sandbox serves a CloudFront distribution (the site URL of a deployment on the sandbox). */
export function sandboxSiteUrl(endpoint: string, distributionId: string): string {
  return `${endpoint}/_omnix/cloudfront/${distributionId}/`;
}

/** Where the sandbox serves a REST API stage (its invoke URL). */
export function sandboxApiUrl(endpoint: string, restApiId: string, stage: string): string {
  return `${endpoint}/_omnix/apigateway/${restApiId}/${stage}`;
}

/**
 * Where the sandbox serves an HTTP API (API Gateway v2) stage: the API's own URL for `$default`
 * (AWS: `https://<api id>.execute-api.<region>.amazonaws.com`), with `/<stage>` after it for a named stage.
 */
export function sandboxHttpApiUrl(endpoint: string, apiId: string, stage: string): string {
  return `${endpoint}/_omnix/apigateway/${apiId}${stage === '$default' ? '' : `/${stage}`}`;
}

/** Where the sandbox serves stage `stage` of an API of either kind. */
export function sandboxStageUrl(
  type: 'rest' | 'http',
  endpoint: string,
  apiId: string,
  stage: string,
): string {
  return type === 'http' ? sandboxHttpApiUrl(endpoint, apiId, stage) : sandboxApiUrl(endpoint, apiId, stage);
}

/**
 * A stage's execute-api URL on AWS: a REST API's has the stage in its path; an HTTP API's `$default` stage
 * is the API's own URL, and a named one has the stage in its path.
 */
export function awsStageUrl(type: 'rest' | 'http', apiId: string, stage: string, region: string): string {
  const host = `https://${apiId}.execute-api.${region}.amazonaws.com`;
  return type === 'http' && stage === '$default' ? host : `${host}/${stage}`;
}
