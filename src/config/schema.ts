import { z } from 'zod';
import { agentSchema } from './schema/agent.js';
import { allowOutsideProjectSchema } from './schema/allow-outside-project.js';
import { approvalsSchema } from './schema/approvals.js';
import { awsSchema } from './schema/aws.js';
import { backendSchema } from './schema/backend.js';
import { freezeSchema } from './schema/freeze.js';
import { frontendSchema } from './schema/frontend.js';
import { healthSchema } from './schema/health.js';
import { notSecretSchema } from './schema/not-secret.js';
import { notificationsSchema } from './schema/notifications.js';
import { projectSchema } from './schema/project.js';
import { rolloutSchema } from './schema/rollout.js';
import { secretsSchema } from './schema/secrets.js';
import { stateSchema } from './schema/state.js';
import { workflowsSchema } from './schema/workflows.js';

/** The whole configuration of one environment, after merging its layers. The single source of truth. */
export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema reference for editors; ignored by omnix.'),
    project: projectSchema,
    aws: awsSchema,
    state: stateSchema,
    frontend: frontendSchema.optional(),
    backend: backendSchema.optional(),
    health: healthSchema,
    rollout: rolloutSchema,
    approvals: approvalsSchema,
    freeze: freezeSchema,
    notifications: notificationsSchema,
    secrets: secretsSchema,
    notSecret: notSecretSchema,
    allowOutsideProject: allowOutsideProjectSchema,
    agent: agentSchema,
    workflows: workflowsSchema,
  })
  .describe('OMNIX Deploy configuration of one environment (master file merged with the environment file).');

/** The validated configuration, defaults applied. */
export type OmnixConfig = z.output<typeof configSchema>;
/** What may be written in the files. */
export type OmnixConfigInput = z.input<typeof configSchema>;

export type JsonSchema = Record<string, unknown>;

let cached: JsonSchema | undefined;

/** The JSON Schema of the merged configuration, generated from the zod schema. */
export function configJsonSchema(): JsonSchema {
  cached ??= {
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://omnix.dev/schema/deployment-config.json',
    title: 'OMNIX Deploy configuration',
  };
  return cached;
}

/**
 * The schema for one layer file (`deployment-config.yaml` or an environment file): the same shapes,
 * but nothing is required, because a required key may come from the other file. Union
 * discriminators (`type`, `backend`, `step`) stay required so editors can still pick the variant.
 */
export function layerJsonSchema(): JsonSchema {
  const relax = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(relax);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = relax(value);
    const properties = out.properties as Record<string, Record<string, unknown>> | undefined;
    if (Array.isArray(out.required) && properties) {
      const discriminators = out.required.filter((name: string) => properties[name]?.const !== undefined);
      if (discriminators.length > 0) out.required = discriminators;
      else delete out.required;
    }
    return out;
  };
  return {
    ...(relax(configJsonSchema()) as JsonSchema),
    $id: 'https://omnix.dev/schema/deployment-config-layer.json',
    title: 'OMNIX Deploy configuration file (one layer)',
  };
}
