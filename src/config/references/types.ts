import type { PathSegment } from '../paths.js';

/** A reference that cannot be resolved, with what to do about it. */
export class ReferenceProblem extends Error {
  /** The reference as written, e.g. `${env:STAGE}`; set by the innermost evaluation that saw it. */
  reference: string | undefined;
  /** Where the problem is, when it is not the value being resolved (a cycle, a failing target). */
  path: PathSegment[] | undefined;

  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** When a kind of reference is resolved. */
export type ReferencePhase =
  /** While loading, from the files and the process environment: `env`, `environment`, `self`. */
  | 'config'
  /** At deploy time, through AWS: `cfn`, `ssm`. Validation checks only their syntax. */
  | 'aws'
  /** By the deployment itself once it knows them: `outputs`. */
  | 'deploy';

export interface ConfigContext {
  environment: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The resolved value at a config path, or a schema default; rejects with ReferenceProblem when neither exists. */
  lookup(path: PathSegment[]): Promise<unknown>;
}

/** Narrow readers the AWS resolvers need; the AWS client factory provides them. */
export interface AwsReferenceReaders {
  stackOutputs(stackName: string): Promise<Record<string, string>>;
  parameter(name: string): Promise<string>;
}

interface ResolverBase {
  kind: string;
  /** How the reference is written, for messages. */
  syntax: string;
  /** A syntax problem with the (already resolved) argument, or undefined. */
  check(argument: string): string | undefined;
}

export interface ConfigResolver extends ResolverBase {
  phase: 'config';
  /** The value this reference gives is a secret (`${env:API_TOKEN}`), unless its name is in `notSecret`. */
  isSecret?(argument: string, notSecret: ReadonlySet<string>): boolean;
  resolve(argument: string, context: ConfigContext): unknown | Promise<unknown>;
}

export interface AwsResolver extends ResolverBase {
  phase: 'aws';
  /** Resolved values are secrets (never printed or stored). */
  secret: boolean;
  resolve(argument: string, readers: AwsReferenceReaders): Promise<string>;
}

export interface DeployResolver extends ResolverBase {
  phase: 'deploy';
}

export type ReferenceResolver = ConfigResolver | AwsResolver | DeployResolver;
