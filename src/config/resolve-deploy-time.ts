import { type AwsClientSettings, type AwsClients, createAwsClients } from '../providers/aws/clients.js';
import { fromZodIssues } from './issues.js';
import type { LoadedConfig, LoadResult } from './load.js';
import { formatPath, getAt, type PathSegment } from './paths.js';
import { parseWithPending } from './pending.js';
import { parseTemplate } from './references/parse.js';
import { resolveAwsReferences } from './references/resolve-aws.js';
import type { AwsReferenceReaders } from './references/types.js';
import { awsNamesFollowAwsRules } from './rules/aws-names.js';
import { configJsonSchema } from './schema.js';
import { findSecretPaths, notSecretNames } from './secrets.js';

/** Readers for `${cfn:}` and `${ssm:}` through the one AWS client factory; one DescribeStacks per stack. */
export function awsReferenceReaders(aws: AwsClientSettings): AwsReferenceReaders {
  return referenceReadersOf(createAwsClients(aws));
}

/** The same readers over clients a command already has. */
export function referenceReadersOf(clients: AwsClients): AwsReferenceReaders {
  const stacks = new Map<string, Promise<Record<string, string>>>();
  return {
    stackOutputs: (stackName) => {
      if (!stacks.has(stackName))
        stacks.set(
          stackName,
          clients.cloudFormation().then((cfn) => cfn.stackOutputs(stackName)),
        );
      return stacks.get(stackName)!;
    },
    parameter: async (name) => (await clients.ssm()).parameter(name),
  };
}

/**
 * Resolves the `${cfn:}` and `${ssm:}` references of a loaded configuration through AWS and validates
 * the result again (a resolved value must still fit the schema). `${outputs.}` stay pending.
 */
export async function resolveDeployTimeReferences(
  loaded: LoadedConfig,
  readers: AwsReferenceReaders = awsReferenceReaders(loaded.config.aws),
): Promise<LoadResult> {
  const schema = configJsonSchema();
  const resolution = await resolveAwsReferences(loaded.tree, loaded.pending.values(), {
    schema,
    readers,
    locate: (path) => loaded.provenance.locate(path),
  });
  const failed = (errors: LoadedConfig['warnings']): LoadResult => ({
    ok: false,
    environment: loaded.environment,
    errors,
    warnings: loaded.warnings,
  });
  const unresolved = stillUnresolved(resolution.pending, resolution.tree).map((path) => ({
    ...loaded.provenance.locate(path),
    path: formatPath(path),
    message: 'still holds a reference that was not resolved before deploying',
    hint: 'This is a bug in omnix: nothing was deployed. Please report it with the configuration (secrets removed).',
  }));
  if (resolution.issues.length > 0 || unresolved.length > 0)
    return failed([...resolution.issues, ...unresolved]);
  const parsed = parseWithPending(resolution.tree, resolution.pending, schema);
  if (!parsed.success) {
    return failed(
      fromZodIssues(parsed.error.issues, { data: resolution.tree, schema, provenance: loaded.provenance }),
    );
  }
  const tainted = new Set([...loaded.secretPaths, ...resolution.secretPaths]);
  // Names that held `${cfn:}` or `${ssm:}` are checked now that they are known.
  const badNames = awsNamesFollowAwsRules({
    config: parsed.data,
    environment: loaded.environment,
    environments: [loaded.environment],
    projectRoot: loaded.location.projectRoot,
    written: () => true,
    secretPaths: tainted,
    pending: new Set(resolution.pending.keys()),
  }).map((finding) => ({
    ...loaded.provenance.locate(finding.path),
    path: formatPath(finding.path),
    message: finding.message,
    ...(finding.hint ? { hint: finding.hint } : {}),
  }));
  if (badNames.length > 0) return failed(badNames);
  return {
    ...loaded,
    config: parsed.data,
    tree: resolution.tree,
    pending: resolution.pending,
    secretPaths: findSecretPaths(parsed.data, schema, tainted, notSecretNames(parsed.data)),
  };
}

/** Values that still hold a reference other than `${outputs.}` (which the deployment itself fills in). */
function stillUnresolved(pending: ReadonlyMap<string, PathSegment[]>, tree: unknown): PathSegment[][] {
  return [...pending.values()].filter((path) => {
    const parsed = parseTemplate(String(getAt(tree, path)));
    return !parsed.ok || parsed.parts.some((part) => part.type === 'ref' && part.kind !== 'outputs');
  });
}
