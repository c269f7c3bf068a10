import { randomUUID } from 'node:crypto';
import type { ResolvedSandboxOptions } from '../../options.js';
import type { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import type { AliasRecord, FunctionRecord, FunctionVersion } from './model.js';

const NAME = /^[a-zA-Z0-9-_]{1,64}$/;
/** `name`, `name:qualifier`, `123456789012:function:name[:q]` or a full function ARN. */
const REFERENCE =
  /^(?:arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:|\d{12}:function:)?([a-zA-Z0-9-_]{1,64})(?::([a-zA-Z0-9-_$]{1,128}))?$/;

export const lambdaTimestamp = (date = new Date()) => date.toISOString().replace('Z', '+0000');
export const newRevision = () => randomUUID();

/** Functions, their versions and aliases, and the rules about when they may change. */
export class LambdaState {
  private readonly functions = new Map<string, FunctionRecord>();

  constructor(
    private readonly options: ResolvedSandboxOptions,
    private readonly persistence: Persistence,
  ) {
    for (const record of persistence.readRecords<FunctionRecord>('lambda/functions'))
      this.functions.set(record.name, record);
  }

  arn(region: string, name: string, qualifier?: string): string {
    return `arn:aws:lambda:${region}:${this.options.accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
  }

  /** Splits a function reference from the path into its name and qualifier. */
  parse(reference: string): { name: string; qualifier?: string } {
    const match = REFERENCE.exec(reference);
    if (!match)
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value '${reference}' at 'functionName' failed to satisfy constraint`,
        400,
      );
    return { name: match[1]!, ...(match[2] ? { qualifier: match[2] } : {}) };
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  /** Whether some version of some function has this code: only such blobs are served for download. */
  holdsCode(blob: string): boolean {
    for (const record of this.functions.values())
      if (record.versions.some((version) => version.codeBlob === blob)) return true;
    return false;
  }

  get(name: string, region: string): FunctionRecord {
    const record = this.functions.get(name);
    if (!record)
      throw new AwsError('ResourceNotFoundException', `Function not found: ${this.arn(region, name)}`, 404, {
        Type: 'User',
      });
    return record;
  }

  create(record: FunctionRecord): void {
    if (!NAME.test(record.name))
      throw new AwsError('ValidationException', `Function name '${record.name}' is not valid`, 400);
    this.save(record);
  }

  save(record: FunctionRecord): void {
    this.functions.set(record.name, record);
    this.persistence.writeRecord('lambda/functions', record.name, record);
  }

  /** `InProgress` for the configured time after an update started, then `Successful`. */
  updateStatus(version: FunctionVersion): 'InProgress' | 'Successful' {
    if (!version.updateStartedAt) return 'Successful';
    return Date.now() - Date.parse(version.updateStartedAt) < this.options.lambdaUpdateMs
      ? 'InProgress'
      : 'Successful';
  }

  /** A created function is `Pending` for the same time, then `Active`. */
  state(record: FunctionRecord): 'Pending' | 'Active' {
    return Date.now() - Date.parse(record.created) < this.options.lambdaUpdateMs ? 'Pending' : 'Active';
  }

  assertNotUpdating(record: FunctionRecord, region: string): void {
    if (this.updateStatus(record.latest) === 'InProgress' || this.state(record) === 'Pending') {
      throw new AwsError(
        'ResourceConflictException',
        `The operation cannot be performed at this time. An update is in progress for resource: ${this.arn(region, record.name)}`,
        409,
        { Type: 'User' },
      );
    }
  }

  /** The version a qualifier names: `$LATEST` (or none), a number, or an alias (with its weights). */
  resolve(
    record: FunctionRecord,
    qualifier: string | undefined,
    region: string,
    random = Math.random,
  ): { version: FunctionVersion; alias?: AliasRecord } {
    if (!qualifier || qualifier === '$LATEST') return { version: record.latest };
    const numbered = record.versions.find((v) => v.version === qualifier);
    if (numbered) return { version: numbered };
    const alias = record.aliases[qualifier];
    if (!alias)
      throw new AwsError(
        'ResourceNotFoundException',
        `Function not found: ${this.arn(region, record.name, qualifier)}`,
        404,
        { Type: 'User' },
      );
    let chosen = alias.functionVersion;
    let roll = random();
    for (const [version, weight] of Object.entries(alias.additionalVersionWeights)) {
      if (roll < weight) {
        chosen = version;
        break;
      }
      roll -= weight;
    }
    return { version: this.resolve(record, chosen, region).version, alias };
  }
}
