import { z } from 'zod';

export const agentSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        'Remember every deployment, rollback and recovery in the state store, and check plans against the failures remembered. Off: nothing is recorded or checked.',
      ),
    riskThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.7)
      .describe('Risk score (0–1) at or above which a plan is shown as high risk.'),
    blockKnownFailures: z
      .boolean()
      .default(false)
      .describe(
        'Stop (exit 3, before any change), instead of warn, when a plan holds function code, a site or a frontend/backend setting that failed in any environment and has not succeeded since.',
      ),
    minHistory: z
      .number()
      .int()
      .min(1)
      .default(5)
      .describe(
        'Deployments (of all environments) needed before a plan gets a risk score; also the successful deployments of an environment needed before its timings are judged for anomalies.',
      ),
    anomalies: z
      .enum(['off', 'warn', 'rollback'])
      .default('warn')
      .describe(
        "Compare each deployment's phase durations, AWS request counts and health-check latencies with the previous successful deployments of the environment: `warn` reports anomalies, `rollback` also fails verification (and rolls back) on a health-check latency anomaly.",
      ),
  })
  .default({ enabled: true, riskThreshold: 0.7, blockKnownFailures: false, minHistory: 5, anomalies: 'warn' })
  .describe('The deployment agent that learns from the history.');
