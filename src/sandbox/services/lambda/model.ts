/** The configuration fields of one version of a function ($LATEST or a published number). */
export interface FunctionVersion {
  version: string;
  runtime: string;
  role: string;
  handler: string;
  description: string;
  timeout: number;
  memorySize: number;
  environment: Record<string, string>;
  architectures: string[];
  /** Content-addressed handle of the zip (see Persistence). */
  codeBlob: string;
  codeSha256: string;
  codeSize: number;
  revisionId: string;
  lastModified: string;
  /** Set while an update is InProgress: when it started. */
  updateStartedAt?: string;
  /** Resource policy statements given to this version (AddPermission with its number as Qualifier). */
  policy?: PolicyStatement[];
}

/** One statement of a function's resource-based policy, as GetPolicy returns it. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: string | Record<string, string>;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface AliasRecord {
  name: string;
  functionVersion: string;
  description: string;
  /** version → share of traffic (0–1) sent there instead of `functionVersion`. */
  additionalVersionWeights: Record<string, number>;
  revisionId: string;
  policy?: PolicyStatement[];
}

export interface FunctionRecord {
  name: string;
  created: string;
  latest: FunctionVersion;
  versions: FunctionVersion[];
  aliases: Record<string, AliasRecord>;
  nextVersion: number;
  /** The unqualified function's resource policy statements. */
  policy?: PolicyStatement[];
}
