import type { SandboxRequest, SandboxResponse, SandboxService } from '../service.js';
import { AwsError } from './aws-error.js';
import { readJsonBody } from './json-body.js';

/** A JSON-protocol operation: the parsed request body in, the response body out (or an AwsError thrown). */
export type JsonOperation = (body: Record<string, unknown>, request: SandboxRequest) => unknown;

/** How one AWS JSON-protocol service (`X-Amz-Target: <prefix>.<Operation>`) is served. */
export interface JsonServiceSpec {
  /** The SigV4 signing name (`logs`, `ssm`, `monitoring`). */
  name: string;
  /** The target prefix with its dot: `Logs_20140328.`, `AmazonSSM.`. */
  targetPrefix: string;
  /** `application/x-amz-json-1.0` or `application/x-amz-json-1.1`. */
  contentType: string;
  /** The operations by their API reference name; only own properties count. */
  operations: Record<string, JsonOperation>;
  /** The error's `__type`. @default the error code */
  errorType?: (code: string) => string;
  /** Headers an error carries. @default `x-amzn-ErrorType: <code>` */
  errorHeaders?: (error: AwsError) => Record<string, string>;
  bodyLimit?: SandboxService['bodyLimit'];
}

/**
 * A SandboxService for an AWS JSON 1.0/1.1 service: routes `POST` requests by `X-Amz-Target`, looking
 * operations up by own property only (a target naming `constructor`, `__proto__` or `toString` is an
 * unknown operation), answers in the protocol's content type and renders errors as `{ __type, message }`.
 */
export function createJsonService(spec: JsonServiceSpec): SandboxService {
  // A Map of own entries: nothing inherited from Object.prototype can be reached by name.
  const operations = new Map<string, JsonOperation>(Object.entries(spec.operations));
  const errorType = spec.errorType ?? ((code: string) => code);
  const errorHeaders = spec.errorHeaders ?? ((error: AwsError) => ({ 'x-amzn-errortype': error.code }));
  const service: SandboxService = {
    name: spec.name,
    renderError: (error): SandboxResponse => ({
      status: error.status,
      headers: { 'content-type': spec.contentType, ...errorHeaders(error), ...error.headers },
      body: JSON.stringify({ __type: errorType(error.code), message: error.message }),
    }),
    route(request) {
      const target = request.headers.get('x-amz-target') ?? '';
      const name = target.startsWith(spec.targetPrefix) ? target.slice(spec.targetPrefix.length) : '';
      const run = operations.get(name);
      if (request.method !== 'POST' || !run) throw unknownOperation(target);
      return {
        name,
        run: () => {
          const body = readJsonBody(
            request,
            () => new AwsError('SerializationException', 'Malformed JSON', 400),
          );
          if (typeof body !== 'object' || body === null || Array.isArray(body))
            throw new AwsError('SerializationException', 'The request body must be a JSON object', 400);
          return {
            status: 200,
            headers: { 'content-type': spec.contentType },
            body: JSON.stringify(run(body, request) ?? {}),
          };
        },
      };
    },
  };
  if (spec.bodyLimit) service.bodyLimit = spec.bodyLimit;
  return service;
}

function unknownOperation(target: string): AwsError {
  // The target is client text: name it only when it is short and printable.
  const shown = /^[\x20-\x7e]{1,128}$/.test(target) ? target : 'this operation';
  return new AwsError('UnknownOperationException', `The sandbox does not implement ${shown}.`, 400);
}
