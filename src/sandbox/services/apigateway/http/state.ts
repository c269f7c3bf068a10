import { randomBytes } from 'node:crypto';
import type { ResolvedSandboxOptions } from '../../../options.js';
import type { Persistence } from '../../../persistence.js';
import { AwsError } from '../../../protocol/aws-error.js';
import type { HttpApiRecord } from './model.js';

/** AWS's ids: lowercase letters and digits (10 for an API, 7 for what it holds). */
export const newHttpId = (length: number) => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
};
/** ISO 8601 to the second, as API Gateway v2 writes its dates. */
export const isoNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
export const notFound = (message: string) => new AwsError('NotFoundException', message, 404);
export const badRequest = (message: string) => new AwsError('BadRequestException', message, 400);
export const conflict = (message: string) => new AwsError('ConflictException', message, 409);

/** HTTP APIs (API Gateway v2) with their routes, integrations, deployments and stages. */
export class HttpApiState {
  readonly apis = new Map<string, HttpApiRecord>();

  constructor(
    private readonly options: ResolvedSandboxOptions,
    private readonly persistence: Persistence,
    /** Whether a REST API already has this id: both kinds share the execute-api host names. */
    private readonly restApiExists: (id: string) => boolean,
  ) {
    for (const record of persistence.readRecords<HttpApiRecord>('apigateway/httpapis'))
      this.apis.set(record.apiId, record);
  }

  newApiId(): string {
    for (;;) {
      const id = newHttpId(10);
      if (!this.apis.has(id) && !this.restApiExists(id)) return id;
    }
  }

  api(id: string): HttpApiRecord {
    const api = this.apis.get(id);
    if (!api) throw notFound(`Invalid API identifier specified ${this.options.accountId}:${id}`);
    return api;
  }

  save(api: HttpApiRecord): void {
    this.apis.set(api.apiId, api);
    this.persistence.writeRecord('apigateway/httpapis', api.apiId, api);
  }

  delete(api: HttpApiRecord): void {
    this.apis.delete(api.apiId);
    this.persistence.deleteRecord('apigateway/httpapis', api.apiId);
  }
}
