import { soundsSecret } from '../../config/secret-names.js';
import type { AdviceInput } from './advice.js';

/** How one environment stands on one best practice: `null` when neither the configuration nor the history can tell. */
export interface PracticeScore {
  id: string;
  title: string;
  why: string;
  ok: boolean | null;
  evidence: string;
}

interface Practice {
  id: string;
  title: string;
  why: string;
  check(input: AdviceInput): { ok: boolean | null; evidence: string };
}

/** The best-practice catalogue: each practice, why it matters, and how it is checked. */
export const PRACTICES: Practice[] = [
  {
    id: 'bucket-versioning',
    title: 'Site bucket versioning',
    why: 'Rollback copies earlier object versions back; without versioning an overwritten file is gone.',
    check: ({ records }) => {
      const objects = records.flatMap((record) => record.snapshot?.frontend?.objects ?? []);
      if (objects.length === 0) return { ok: null, evidence: 'no recorded snapshot of the bucket yet' };
      const versioned = objects.filter((object) => object.versionId && object.versionId !== 'null').length;
      return {
        ok: versioned === objects.length,
        evidence: `${versioned} of ${objects.length} recorded objects had a version id`,
      };
    },
  },
  {
    id: 'auto-rollback',
    title: 'Automatic rollback on',
    why: 'A release that fails verification is put back by itself instead of staying live until someone acts.',
    check: ({ config }) => ({
      ok: config.rollout.autoRollback,
      evidence: `rollout.autoRollback: ${config.rollout.autoRollback}`,
    }),
  },
  {
    id: 'health-checks',
    title: 'Health checks present',
    why: 'Without checks, verification passes whatever was deployed: rollback never triggers.',
    check: ({ config }) => ({
      ok: config.health.checks.length > 0,
      evidence: `${config.health.checks.length} health check(s)`,
    }),
  },
  {
    id: 'production-approvals',
    title: 'Approvals for production',
    why: 'A second person (or a recorded approval in CI) stands between a typo and the users.',
    check: ({ environment, config }) =>
      /prod/i.test(environment)
        ? { ok: config.approvals.required, evidence: `approvals.required: ${config.approvals.required}` }
        : { ok: null, evidence: `${environment} is not a production environment` },
  },
  {
    id: 'releases-kept',
    title: 'Enough releases kept for rollback',
    why: 'Rollback can only go back to releases whose versions and files are still kept.',
    check: ({ config }) => ({
      ok: config.rollout.keepReleases >= 3,
      evidence: `rollout.keepReleases: ${config.rollout.keepReleases} (3 or more wanted)`,
    }),
  },
  {
    id: 'least-privilege',
    title: 'Least-privilege deployer policy',
    why: 'A deployer that can do anything turns a leaked CI credential into a lost account.',
    check: () => ({
      ok: null,
      evidence:
        "the deployer's IAM policy is not in the configuration: attach the one `omnix iam-policy <env>` prints",
    }),
  },
  {
    id: 'no-plain-secrets',
    title: 'No secrets in plain environment variables',
    why: 'Function environment variables are readable by anyone who can read the function; secrets belong in SSM or Secrets Manager, read at run time.',
    check: ({ config }) => {
      const plain = Object.entries(config.backend?.functions ?? {}).flatMap(([key, fn]) =>
        Object.keys(fn.environment ?? {})
          .filter((name) => soundsSecret(name))
          .map((name) => `${key}.${name}`),
      );
      return {
        ok: plain.length === 0,
        evidence:
          plain.length === 0 ? 'no variable named like a secret' : `named like secrets: ${plain.join(', ')}`,
      };
    },
  },
  {
    id: 'latency-threshold',
    title: 'Latency limits on health checks',
    why: 'A release that works but is ten times slower passes checks that only look at status codes.',
    check: ({ config }) => {
      const latency = config.health.latency;
      const set = Boolean(latency && (latency.p50Ms ?? latency.p95Ms ?? latency.p99Ms));
      return {
        ok: set,
        evidence: set ? 'health.latency sets a limit' : 'health.latency sets no p50/p95/p99 limit',
      };
    },
  },
];

/** Every practice scored for one environment. */
export const scorePractices = (input: AdviceInput): PracticeScore[] =>
  PRACTICES.map(({ id, title, why, check }) => ({ id, title, why, ...check(input) }));
