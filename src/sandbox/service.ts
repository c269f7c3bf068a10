import type { AwsError } from './protocol/aws-error.js';
import type { BodyLimit } from './protocol/body.js';
import type { CredentialScope } from './protocol/sigv4.js';

/** A request as every service sees it: decoded path, query, headers and the whole body. */
export interface SandboxRequest {
  method: string;
  /** The URL path, not yet percent-decoded (S3 keys and API paths decode it themselves). */
  rawPath: string;
  query: URLSearchParams;
  headers: Headers;
  body: Buffer;
  host: string;
  scope: CredentialScope | undefined;
  requestId: string;
  /** The query string as sent, without `?` (unset in-process, where only `query` is known). */
  rawQueryString?: string;
  /** Header names and values as sent, alternating (Node's `rawHeaders`): repeated headers stay apart. */
  rawHeaders?: string[];
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Headers sent once per value after `headers` (each `Set-Cookie` of a response). */
  repeatedHeaders?: Array<[string, string]>;
  body?: string | Uint8Array;
}

/** One operation of a service, named as in the AWS API reference (for faults and logs). */
export interface Operation {
  name: string;
  run(): Promise<SandboxResponse> | SandboxResponse;
}

export interface SandboxService {
  /** The SigV4 signing name: `s3`, `lambda`, `apigateway`, `cloudfront`, `sts`, `iam`. */
  name: string;
  /** Which operation this request is; throws AwsError when none fits. */
  route(request: SandboxRequest): Operation;
  /**
   * The largest body this request may carry, with the service's error for more, when it is below
   * the sandbox's `maxBodyBytes`; decided before the body is read.
   */
  bodyLimit?(method: string, rawPath: string, headers: Headers): BodyLimit | undefined;
  /** The error in this service's wire format. */
  renderError(error: AwsError, requestId: string): SandboxResponse;
}

export const xmlResponse = (
  body: string,
  status = 200,
  headers: Record<string, string> = {},
): SandboxResponse => ({
  status,
  headers: { 'content-type': 'application/xml', ...headers },
  body,
});

export const jsonResponse = (
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): SandboxResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
