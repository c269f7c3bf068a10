import { secretValues } from '../../config/secret-values.js';
import type { ChangeExtension } from '../../engine/change/extensions.js';
import type { CliIo } from '../io.js';
import { githubActions } from './github-actions.js';
import { deploymentSummary } from './github-summary.js';

/**
 * On a GitHub Actions runner, what every change (deploy, promote, rollback, recover, workflows) adds:
 * the environment's resolved secret values masked in the job's log as soon as they are known, before
 * any gate or step can print them, and a summary of the change once it finished. Elsewhere: nothing.
 */
export function githubActionsExtensions(io: CliIo): ChangeExtension[] {
  const github = githubActions(io);
  if (!github) return [];
  const masked = new Set<string>();
  return [
    {
      name: 'githubActions',
      async reviewPlan({ loaded }) {
        for (const value of secretValues(loaded.config, loaded.secretPaths)) {
          if (masked.has(value)) continue;
          masked.add(value);
          github.mask(value);
        }
        return undefined;
      },
      async finished(_context, record) {
        await github.summary(deploymentSummary(record));
      },
    },
  ];
}
