/** What a hard-coded deployment value is. */
export const FINDING_KINDS = [
  'bucket',
  'distribution-id',
  'function-name',
  'function-arn',
  'api-id',
  'stage',
  'api-url',
  'region',
  'account-id',
  'arn',
  'profile',
  'domain',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type Confidence = 'high' | 'medium' | 'low';

/** The environment a value belongs to, and what says so. */
export interface EnvironmentGuess {
  /** Canonical name: production, staging, development, test, qa, uat, preprod, preview, demo. */
  name: string;
  /** Why, e.g. `branch on $ENV = "prod"`, `file name deploy-prod.sh`, `CI job deploy_staging`. */
  reason: string;
}

/** Where a value appears (besides where it is defined). */
export interface Location {
  file: string;
  line: number;
}

/** One hard-coded deployment value. */
export interface Finding {
  file: string;
  /** 1-based line where the value is written (for a variable, its assignment). */
  line: number;
  kind: FindingKind;
  /** The value, or a template such as `shop-web-${ENV}` where parts are unknown. */
  value: string;
  /** True when `value` still holds `${NAME}` parts that the file does not define. */
  template: boolean;
  /** What the value is for, within its kind: `site` or `artifact` for buckets, a function's key. */
  role: string;
  environment: EnvironmentGuess | null;
  confidence: Confidence;
  /** How it was recognised, e.g. `aws s3 sync target`, `--distribution-id`, `Bucket: property`. */
  via: string;
  /** The variable it was assigned to, when it was. */
  variable?: string;
  /** Other places the same value is used through that variable or again literally. */
  uses: Location[];
}

/** A value that looked like a deployment value but is a placeholder or local. */
export interface Ignored {
  file: string;
  line: number;
  kind: FindingKind;
  value: string;
  reason: string;
}

/** A value read before it is classified: the output of every extractor. */
export type Fact =
  | {
      type: 'assign';
      /** Variable or key name, as written. */
      name: string;
      /** Value with references normalized to `${NAME}` or `${NAME:-default}`. */
      value: string;
      line: number;
      env?: EnvironmentGuess;
      /** True for keys of SDK calls or config files (they type the value); false for plain variables. */
      key?: boolean;
      /** Only a second name for a value recorded under its own name (`self:custom.bucket`): never classified. */
      alias?: boolean;
    }
  | {
      type: 'command';
      /** Shell words with references normalized to `${NAME}`; each with its line. */
      words: Word[];
      line: number;
      env?: EnvironmentGuess;
    }
  | { type: 'text'; text: string; line: number; env?: EnvironmentGuess };

export interface Word {
  text: string;
  line: number;
}

/** The kinds of file the scanner reads. */
export type FileKind =
  | 'shell'
  | 'makefile'
  | 'javascript'
  | 'python'
  | 'package-json'
  | 'github-actions'
  | 'gitlab-ci'
  | 'circleci'
  | 'bitbucket-pipelines'
  | 'jenkinsfile'
  | 'serverless'
  | 'samconfig'
  | 'env-file'
  | 'ci-yaml';

/** What an extractor returns for one file. */
export interface Extracted {
  facts: Fact[];
  /** The environment the whole file is about (from its name or path), if any. */
  fileEnv?: EnvironmentGuess;
}
