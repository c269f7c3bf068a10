import { z } from 'zod';
import type { DeploymentRecord, LockRecord, ReleaseRecord } from './records.js';

/**
 * Records are read back from a store anybody with access can edit: each is checked for the fields the
 * dashboard reads before it is used, and one that fails is skipped with the reason.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const time = z.iso.datetime({ offset: true });
const text = z.string().max(10_000);
const count = z.int().min(0);

const caller = z.looseObject({
  user: text,
  host: text.optional(),
  ci: z.record(z.string(), text).optional(),
});

const deployment = z.looseObject({
  id: text,
  environment: text,
  status: z.enum(['in_progress', 'succeeded', 'failed', 'rolled_back', 'interrupted']),
  startedAt: time,
  finishedAt: time.optional(),
  release: count.optional(),
  rollbackTo: count.optional(),
  recoveryOf: z.array(text).optional(),
  recoveredBy: z.looseObject({ deploymentId: text }).optional(),
  promotedFrom: z.looseObject({ environment: text, release: count }).optional(),
  caller,
  phases: z.array(z.looseObject({ name: text, durationMs: z.number().min(0).optional() })),
  changes: z.array(z.string()),
  errors: z.array(z.looseObject({ code: text, message: z.string() })),
  rollback: z
    .looseObject({ startedAt: time, durationMs: z.number().min(0), outcome: z.enum(['restored', 'failed']) })
    .optional(),
  plan: z.record(z.string(), z.unknown()).optional(),
});

const release = z.looseObject({
  environment: text,
  number: count,
  deploymentId: text,
  createdAt: time,
  manifest: z.looseObject({
    frontend: z.looseObject({ objects: z.array(z.unknown()) }).optional(),
    backend: z.looseObject({ functions: z.array(z.looseObject({ name: text, version: text })) }).optional(),
  }),
});

const lock = z.looseObject({
  environment: text,
  holder: caller.extend({ pid: z.number(), deploymentId: text.optional() }),
  acquiredAt: time,
  expiresAt: time,
});

function check<T>(schema: z.ZodType, value: unknown, environment: string): Checked<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.join('.') : 'the record';
    return { ok: false, reason: `${path}: ${issue.message}` };
  }
  const found = (parsed.data as { environment: string }).environment;
  if (found !== environment)
    return { ok: false, reason: `it belongs to environment ${JSON.stringify(found)}, not ${environment}` };
  return { ok: true, value: parsed.data as T };
}

/** A deployment record of `environment`, or why it cannot be one. */
export const checkDeployment = (value: unknown, environment: string): Checked<DeploymentRecord> =>
  check(deployment, value, environment);

/** A release record of `environment`, or why it cannot be one. */
export const checkRelease = (value: unknown, environment: string): Checked<ReleaseRecord> =>
  check(release, value, environment);

/** A lock record of `environment`, or why it cannot be one. */
export const checkLock = (value: unknown, environment: string): Checked<LockRecord> =>
  check(lock, value, environment);
