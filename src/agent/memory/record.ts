import { z } from 'zod';

/** The version of the memory documents this omnix writes; older ones are read, newer ones skipped. */
export const MEMORY_SCHEMA_VERSION = 1;

const signature = z.object({
  code: z.string(),
  awsError: z.string().optional(),
  operation: z.string().optional(),
  resourceKind: z.string().optional(),
  checks: z.array(z.string()).optional(),
  pattern: z.string(),
});

const features = z.object({
  components: z.array(z.enum(['frontend', 'backend'])),
  files: z.object({ uploaded: z.number(), deleted: z.number(), uploadedBytes: z.number() }),
  functions: z.object({
    codeChanged: z.array(z.string()),
    /** Function name → the configuration fields that changed. */
    configurationChanged: z.record(z.string(), z.array(z.string())),
  }),
  /** Paths that differ from the previous release's configuration, with a digest of the new value (never the value). */
  configChanges: z.array(z.object({ path: z.string(), digest: z.string() })),
  artifacts: z.object({
    /** One digest of the whole site: every key with its content hash. */
    siteDigest: z.string().optional(),
    /** Site key → content hash. */
    files: z.record(z.string(), z.string()).optional(),
    /** Function name → CodeSha256. */
    functions: z.record(z.string(), z.string()).optional(),
  }),
  /** What this change put live that was not live before: the suspects when it failed. */
  introduced: z.object({
    siteDigest: z.string().optional(),
    functionCode: z.array(z.string()),
  }),
  ci: z.boolean(),
  weekdayUtc: z.number().int().min(0).max(6),
  hourUtc: z.number().int().min(0).max(23),
  /** Since the environment's previous deployment started; absent for its first. */
  sincePreviousMs: z.number().optional(),
  failuresLast7Days: z.number().int(),
});

/** What the agent remembers of one deployment, rollback or recovery. Holds no secret and no message. */
export const deploymentMemorySchema = z.object({
  schemaVersion: z.number().int(),
  kind: z.literal('deployment'),
  id: z.string(),
  environment: z.string(),
  change: z.enum(['deploy', 'rollback', 'recover']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  outcome: z.enum(['succeeded', 'failed', 'rolled_back', 'interrupted']),
  /** It changed something before it ended (a failure before any change blames nothing). */
  changedSomething: z.boolean(),
  features,
  errors: z.array(z.object({ phase: z.string().optional(), signature, failure: z.string().optional() })),
  recoveries: z.array(
    z.object({
      failure: z.string(),
      phase: z.string(),
      operation: z.string().optional(),
      attempts: z.number(),
      outcome: z.enum(['recovered', 'failed']),
    }),
  ),
  /** `recorded` when the change ended; `backfill` when learned later from its deployment record. */
  learnedFrom: z.enum(['recorded', 'backfill']),
});

/** Up to which deployment of an environment the agent has learned from the history (or forgotten). */
export const learnedMarkerSchema = z.object({
  schemaVersion: z.number().int(),
  kind: z.literal('learned'),
  id: z.string(),
  environment: z.string(),
  /** The newest deployment id the backfill considered: the whole history before it was read once. */
  through: z.string().optional(),
  /** Deployments up to this id were forgotten (`omnix agent forget`): never learned again. */
  forgottenThrough: z.string().optional(),
});

export const memoryDocumentSchema = z.discriminatedUnion('kind', [
  deploymentMemorySchema,
  learnedMarkerSchema,
]);

export type DeploymentMemory = z.infer<typeof deploymentMemorySchema>;
export type LearnedMarker = z.infer<typeof learnedMarkerSchema>;
export type MemoryFeatures = DeploymentMemory['features'];

export const learnedMarkerId = (environment: string) => `learned-${environment}`;
