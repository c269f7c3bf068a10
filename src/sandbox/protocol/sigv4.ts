/** What a SigV4 credential scope says: who signed, for which region and service. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const SCOPE = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

/**
 * Reads the credential scope from the Authorization header (`AWS4-HMAC-SHA256 Credential=AKID/
 * 20260101/us-east-1/s3/aws4_request, …`) or a presigned URL (`X-Amz-Credential`). The sandbox
 * accepts any credentials; the scope only routes the request to a service.
 */
export function credentialScope(
  authorization: string | undefined,
  query: URLSearchParams,
): CredentialScope | undefined {
  const fromHeader = authorization?.match(/Credential=([^,\s]+)/)?.[1];
  const credential = fromHeader ?? query.get('X-Amz-Credential') ?? undefined;
  const match = credential ? SCOPE.exec(credential) : null;
  if (!match) return undefined;
  return { accessKeyId: match[1]!, date: match[2]!, region: match[3]!, service: match[4]! };
}
