import { createHash } from 'node:crypto';
import { componentDifferences } from '../../actions/promote/same-components.js';
import { type LoadedConfig, loadValidConfig } from '../../config/load.js';
import { listEnvironments, locateConfig } from '../../config/location.js';
import { formatPath } from '../../config/paths.js';
import type { WorkflowStep } from '../../config/schema/workflows.js';
import { ConfigError, UsageError } from '../../core/errors.js';

export interface WorkflowDefinition {
  name: string;
  steps: WorkflowStep[];
  /** Digest of the steps: a run is resumed only under the definition it started with. */
  digest: string;
  projectRoot: string;
}

export interface LoadOptions {
  configDir: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads workflow `name` from the configuration (as every environment sees it: the master file's
 * `workflows`), and checks what one environment's load cannot: a promotion between environments whose
 * components differ is a configuration error (exit 2) at the step's file:line.
 */
export async function loadWorkflow(name: string, options: LoadOptions): Promise<WorkflowDefinition> {
  const environments = await listEnvironments(locateConfig(options.configDir));
  const first = environments[0];
  if (!first)
    throw new UsageError('NoEnvironments', 'the configuration has no environments, so no workflows', {
      hint: 'Add config/environments/<env>.yaml.',
    });
  const loaded = new Map<string, LoadedConfig>();
  const load = async (environment: string) => {
    if (!loaded.has(environment)) loaded.set(environment, await loadValidConfig({ environment, ...options }));
    return loaded.get(environment)!;
  };
  const base = await load(first);
  const workflow = base.config.workflows[name];
  if (!workflow) {
    const known = Object.keys(base.config.workflows);
    throw new UsageError('UnknownWorkflow', `there is no workflow '${name}'`, {
      hint:
        known.length > 0
          ? `Workflows: ${known.join(', ')}.`
          : 'Define one under `workflows:` in config/deployment-config.yaml.',
    });
  }
  for (const [index, step] of workflow.steps.entries()) {
    if (step.step !== 'promote') continue;
    const path = ['workflows', name, 'steps', index];
    const at = { ...base.provenance.locate(path), path: formatPath(path) };
    const issues = componentDifferences(await load(step.from), await load(step.to), at);
    if (issues.length > 0) throw new ConfigError(issues);
  }
  return {
    name,
    steps: workflow.steps,
    digest: `sha256:${createHash('sha256').update(JSON.stringify(workflow.steps)).digest('hex')}`,
    projectRoot: base.location.projectRoot,
  };
}

/** How a step reads in records and output: `deploy staging`, `promote staging → production`, `wait 10s`. */
export function describeStep(step: WorkflowStep): string {
  switch (step.step) {
    case 'promote':
      return `promote ${step.from} → ${step.to}`;
    case 'wait':
      return `wait ${step.duration}`;
    case 'run':
      return `run ${step.command}`;
    case 'notify':
      return `notify${step.environment ? ` ${step.environment}` : ''}`;
    default:
      return `${step.step} ${step.environment}`;
  }
}
