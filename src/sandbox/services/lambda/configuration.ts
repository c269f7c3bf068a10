import type { AliasRecord, FunctionRecord, FunctionVersion } from './model.js';
import type { LambdaState } from './state.js';

/** FunctionConfiguration as the API reference shapes it. */
export function configurationJson(
  state: LambdaState,
  record: FunctionRecord,
  version: FunctionVersion,
  region: string,
) {
  return {
    FunctionName: record.name,
    FunctionArn: state.arn(region, record.name, version.version === '$LATEST' ? undefined : version.version),
    Runtime: version.runtime,
    Role: version.role,
    Handler: version.handler,
    CodeSize: version.codeSize,
    Description: version.description,
    Timeout: version.timeout,
    MemorySize: version.memorySize,
    LastModified: version.lastModified,
    CodeSha256: version.codeSha256,
    Version: version.version,
    Environment: { Variables: version.environment },
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: version.revisionId,
    State: state.state(record),
    LastUpdateStatus: state.updateStatus(version),
    PackageType: 'Zip',
    Architectures: version.architectures,
    EphemeralStorage: { Size: 512 },
  };
}

export function aliasJson(state: LambdaState, record: FunctionRecord, alias: AliasRecord, region: string) {
  return {
    AliasArn: state.arn(region, record.name, alias.name),
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    ...(Object.keys(alias.additionalVersionWeights).length > 0
      ? { RoutingConfig: { AdditionalVersionWeights: alias.additionalVersionWeights } }
      : {}),
    RevisionId: alias.revisionId,
  };
}

/** Whether two versions would behave the same (PublishVersion reuses the last version then). */
export function sameVersion(a: FunctionVersion, b: FunctionVersion): boolean {
  const key = (v: FunctionVersion) =>
    JSON.stringify([
      v.codeSha256,
      v.runtime,
      v.role,
      v.handler,
      v.description,
      v.timeout,
      v.memorySize,
      v.environment,
      v.architectures,
    ]);
  return key(a) === key(b);
}
