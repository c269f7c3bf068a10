import type { ResolvedSandboxOptions } from '../../options.js';
import { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import { createJsonService } from '../../protocol/json-service.js';
import type { SandboxService } from '../../service.js';
import { checkName, type ParameterRecord, putParameter, validation } from './parameters.js';

const COLLECTION = 'ssm/parameters';

type Body = Record<string, unknown>;

/** SSM Parameter Store in the AWS JSON 1.1 protocol (`X-Amz-Target: AmazonSSM.<Operation>`). */
export function createSsmService(options: ResolvedSandboxOptions, persistence: Persistence): SandboxService {
  const parameters = new Map<string, ParameterRecord>();
  const keyOf = (region: string, name: string) => JSON.stringify([region, name]);
  for (const record of persistence.readRecords<ParameterRecord>(COLLECTION))
    parameters.set(keyOf(record.region, record.name), record);
  const recordName = (region: string, name: string) => Persistence.safeName(keyOf(region, name));

  const arn = (record: ParameterRecord) =>
    `arn:aws:ssm:${record.region}:${options.accountId}:parameter/${record.name.replace(/^\//, '')}`;
  const notFound = (name: string) => new AwsError('ParameterNotFound', `Parameter ${name} not found.`, 400);

  /**
   * The parameter a GetParameter(s) name refers to: a name or an ARN (whose `parameter/a` may stand for
   * `a` or `/a`). Selectors (`name:3`, `name:label`) are refused: the sandbox keeps the current version only.
   */
  const find = (region: string, reference: unknown): ParameterRecord | undefined => {
    const text = typeof reference === 'string' ? reference : '';
    const fromArn = /^arn:aws[a-z-]*:ssm:[^:]*:\d*:parameter\/(.+)$/.exec(text)?.[1];
    if (fromArn === undefined && text.includes(':'))
      throw validation(
        'The sandbox keeps only the current version: version and label selectors are not supported.',
      );
    const candidates = fromArn === undefined ? [text] : [fromArn, `/${fromArn}`];
    for (const name of candidates) {
      const record = parameters.get(keyOf(region, name));
      if (record) return record;
    }
    return undefined;
  };

  const describe = (record: ParameterRecord, decrypt: boolean) => ({
    Name: record.name,
    Type: record.type,
    Value: record.type === 'SecureString' && !decrypt ? record.ciphertext : record.value,
    Version: record.version,
    LastModifiedDate: record.lastModified,
    ARN: arn(record),
    DataType: 'text',
  });

  const operations: Record<string, (body: Body, region: string) => unknown> = {
    PutParameter(body, region) {
      const name = checkName(body.Name);
      const record = putParameter(body, region, parameters.get(keyOf(region, name)));
      parameters.set(keyOf(region, name), record);
      persistence.writeRecord(COLLECTION, recordName(region, name), record);
      return { Version: record.version, Tier: record.tier };
    },
    GetParameter(body, region) {
      const record = find(region, body.Name);
      if (!record) throw notFound(String(body.Name));
      return { Parameter: describe(record, body.WithDecryption === true) };
    },
    GetParameters(body, region) {
      const names = body.Names;
      if (!Array.isArray(names) || names.length < 1 || names.length > 10)
        throw validation('Names must hold 1 to 10 parameter names.');
      const found: ReturnType<typeof describe>[] = [];
      const invalid: string[] = [];
      for (const requested of names) {
        const record = find(region, requested);
        if (record) found.push(describe(record, body.WithDecryption === true));
        else invalid.push(String(requested));
      }
      return { Parameters: found, InvalidParameters: invalid };
    },
    DeleteParameter(body, region) {
      const name = typeof body.Name === 'string' ? body.Name : '';
      const record = parameters.get(keyOf(region, name));
      if (!record) throw notFound(name);
      parameters.delete(keyOf(region, name));
      persistence.deleteRecord(COLLECTION, recordName(region, name));
      return {};
    },
  };

  return createJsonService({
    name: 'ssm',
    targetPrefix: 'AmazonSSM.',
    contentType: 'application/x-amz-json-1.1',
    bodyLimit: () => ({
      bytes: 1024 * 1024,
      error: validation('The request is larger than the 1 MB the sandbox accepts for SSM.'),
    }),
    operations: Object.fromEntries(
      Object.entries(operations).map(([name, run]) => [
        name,
        (body, request) => run(body, request.scope?.region ?? 'us-east-1'),
      ]),
    ),
  });
}
