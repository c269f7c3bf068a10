import { z } from 'zod';

/** A duration such as `500ms`, `60s`, `5m` or `1h`. */
export const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/, 'expected a duration such as 500ms, 60s, 5m or 1h');

/** A non-empty string. */
export const text = z.string().min(1, 'expected a non-empty string');

/** Marks a value that must never be printed or stored: it shows as `***`. */
export function secret<T extends z.ZodType>(schema: T): T {
  return schema.meta({ secret: true }) as T;
}

/**
 * Lambda environment variables, stage variables and headers are text on AWS; a YAML number or boolean
 * is accepted and sent as its text. No zod transform here: it would hide defaults from the JSON Schema.
 */
export const stringish = z.union([z.string(), z.number(), z.boolean()]);

/** Every event a notification can be sent for (`docs/orchestration.md`). */
export const DEPLOY_EVENTS = [
  'started',
  'succeeded',
  'failed',
  'rolled_back',
  'approval_requested',
  'approved',
  'rejected',
  'promoted',
  'freeze_overridden',
] as const;
export const deployEvent = z.enum(DEPLOY_EVENTS);
