import { randomBytes } from 'node:crypto';
import type { ResolvedSandboxOptions } from '../../options.js';
import type { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import type { RestApiRecord } from './model.js';

export const newId = () =>
  randomBytes(8)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 10);
export const epoch = () => Math.floor(Date.now() / 1000);
export const notFound = (message: string) => new AwsError('NotFoundException', message, 404);
export const badRequest = (message: string) => new AwsError('BadRequestException', message, 400);
export const HTTP_METHODS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)$/;
export const PATH_PART = /^(\{[a-zA-Z0-9._-]+\+?\}|[a-zA-Z0-9._:@~-]+)$/;

/** REST APIs with their resources, deployments (frozen copies) and stages. */
export class ApiGatewayState {
  readonly apis = new Map<string, RestApiRecord>();

  constructor(
    private readonly options: ResolvedSandboxOptions,
    private readonly persistence: Persistence,
  ) {
    for (const record of persistence.readRecords<RestApiRecord>('apigateway/restapis'))
      this.apis.set(record.id, record);
  }

  api(id: string): RestApiRecord {
    const api = this.apis.get(id);
    if (!api) throw notFound(`Invalid API identifier specified ${this.options.accountId}:${id}`);
    return api;
  }

  save(api: RestApiRecord): void {
    this.apis.set(api.id, api);
    this.persistence.writeRecord('apigateway/restapis', api.id, api);
  }
}
