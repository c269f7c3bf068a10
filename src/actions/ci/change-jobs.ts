import { credentialsStep, deployRole, inDir, omnixLine, setupSteps } from './steps.js';
import type { Job, PipelineEnvironment, PipelineSettings } from './workflow-model.js';

/** What the next environment's job waits for: the jobs before it, and when it may run. */
export interface Upstream {
  needs: string | string[];
  condition?: string;
}

/** Set by a job whose omnix command exited 5 (waiting for an approval, nothing changed). */
const WAITING = 'waiting_for_approval';

/**
 * The jobs that move one environment: `omnix deploy <env>` for the first, `omnix promote <from> <env>`
 * for the others. Where the configuration requires approvals, exit 5 (a request recorded, nothing
 * changed) ends the job successfully with an output, and a second job, behind the GitHub Environment
 * again, runs the same command once someone has run `omnix approve`.
 */
export function changeJobs(
  settings: PipelineSettings,
  environment: PipelineEnvironment,
  from: string | undefined,
  upstream: Upstream,
): { jobs: Record<string, Job>; upstream: Upstream } {
  const name = environment.name;
  const id = from ? `promote-${name}` : `deploy-${name}`;
  const title = from ? `Promote ${from} to ${name}` : `Deploy ${name}`;
  const command = omnixLine(from ? ['promote', from, name, '--yes'] : ['deploy', name, '--yes']);
  const job = (
    run: string,
    order: Pick<Job, 'needs'> & Partial<Pick<Job, 'name' | 'if' | 'outputs'>>,
  ): Job => ({
    name: order.name ?? title,
    ...(order.if ? { if: order.if } : {}),
    needs: order.needs,
    'runs-on': 'ubuntu-latest',
    environment: {
      name,
      ...(environment.frontend ? { url: '${{ steps.omnix.outputs.siteUrl }}' } : {}),
    },
    // One change of an environment at a time, queued, never cancelled halfway.
    concurrency: { group: `deploy-${settings.project}-${name}`, 'cancel-in-progress': false },
    permissions: { contents: 'read', 'id-token': 'write' },
    ...(order.outputs ? { outputs: order.outputs } : {}),
    steps: [
      ...setupSteps(settings),
      credentialsStep(deployRole(settings), environment.region),
      { name: title, id: 'omnix', run, ...inDir(settings.projectDir) },
    ],
  });
  const first = job(environment.approvalsRequired ? waitingScript(command) : command, {
    ...(upstream.condition ? { if: upstream.condition } : {}),
    needs: upstream.needs,
    ...(environment.approvalsRequired
      ? { outputs: { [WAITING]: `\${{ steps.omnix.outputs.${WAITING} }}` } }
      : {}),
  });
  if (!environment.approvalsRequired) return { jobs: { [id]: first }, upstream: { needs: id } };

  const again = `${id}-after-approval`;
  return {
    jobs: {
      [id]: first,
      [again]: job(command, {
        name: `${title} (after omnix approve)`,
        if: `needs.${id}.outputs.${WAITING} == 'true'`,
        needs: id,
      }),
    },
    upstream: {
      needs: [id, again],
      // Whichever of the two made the change; neither when the first is still waiting.
      condition: `!cancelled() && ((needs.${id}.result == 'success' && needs.${id}.outputs.${WAITING} != 'true') || needs.${again}.result == 'success')`,
    },
  };
}

/** The command, with exit 5 turned into the output the second job waits on. */
function waitingScript(command: string): string {
  return [
    'status=0',
    `${command} || status=$?`,
    'if [ "$status" -eq 5 ]; then',
    '  # An approval request is recorded and nothing changed: the next job runs this again once approved.',
    `  echo "${WAITING}=true" >> "$GITHUB_OUTPUT"`,
    '  exit 0',
    'fi',
    'exit "$status"',
    '',
  ].join('\n');
}
