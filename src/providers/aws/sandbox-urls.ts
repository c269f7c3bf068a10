/** Where the sandbox serves a CloudFront distribution (the site URL of a deployment on the sandbox). */
export function sandboxSiteUrl(endpoint: string, distributionId: string): string {
  return `${endpoint}/_omnix/cloudfront/${distributionId}/`;
}

/** Where the sandbox serves a REST API stage (its invoke URL). */
export function sandboxApiUrl(endpoint: string, restApiId: string, stage: string): string {
  return `${endpoint}/_omnix/apigateway/${restApiId}/${stage}`;
}
