import { readDuration } from '../../core/duration.js';
import { AbortedError, ExitCode, UsageError } from '../../core/errors.js';
import { type DeployOptions, deploy } from '../../engine/deploy.js';
import type { DeployEvent } from '../../engine/events.js';
import { confirmChange } from '../confirm.js';
import { changeExtensions } from '../extensions.js';
import { interruptible } from '../interruptible.js';
import type { CommandContext } from '../io.js';
import { githubOutcome, githubPlan, githubWarning } from '../render/github-hooks.js';
import { renderPlan } from '../render/plan.js';
import { highRisk, renderRisk } from '../render/risk.js';
import { withTaskList } from '../render/task-list.js';
import { createStyle } from '../style.js';

export interface DeployFlags {
  only?: string;
  dryRun?: boolean;
  skipBuild?: boolean;
  redeployApi?: boolean;
  waitForLock?: string;
  prune?: boolean;
  safeMode?: boolean;
  skipValidation?: boolean;
  force?: boolean;
  waitForApproval?: string;
  overrideFreeze?: string;
}

export function checkWait(text: string | undefined, flag = '--wait-for-lock'): number | undefined {
  if (text === undefined) return undefined;
  const reading = readDuration(text);
  if (reading.ok) return reading.ms;
  throw new UsageError(
    'InvalidDuration',
    reading.reason === 'too-long'
      ? `${flag} waits at most a week (168h), not '${text}'`
      : `${flag} takes a duration such as 30s, 10m or 1h, not '${text}'`,
  );
}

function checkOverride(why: string | undefined): string | undefined {
  if (why === undefined || why.trim() !== '') return why;
  throw new UsageError('InvalidOverride', '--override-freeze needs a reason: --override-freeze "<why>"');
}

function checkOnly(only: string | undefined): 'frontend' | 'backend' | undefined {
  if (only === undefined || only === 'frontend' || only === 'backend') return only;
  throw new UsageError('InvalidOnly', `--only takes frontend or backend, not '${only}'`);
}

export function reporter(context: CommandContext): (event: DeployEvent) => void {
  const style = createStyle(context.color);
  return (event) => {
    if (event.kind === 'warn') githubWarning(context.io, event.phase, event.message);
    if (context.json) {
      context.print(JSON.stringify({ type: 'event', ...event }));
      return;
    }
    if (event.kind === 'begin') return;
    const time = style.dim(event.time.slice(11, 19));
    if (event.kind === 'info' && event.phase === 'plan') {
      // The plan itself is not repeated here, but its risk belongs to the plan step.
      for (const line of renderRisk(event.data ?? {}, style))
        context.print(`${time} ${style.cyan('plan'.padEnd(8))} ${line.trim()}`);
      return;
    }
    const took = event.durationMs !== undefined ? style.dim(` (${event.durationMs} ms)`) : '';
    const text = event.kind === 'warn' ? style.yellow(event.message) : event.message;
    context.print(`${time} ${style.cyan(event.phase.padEnd(8))} ${text}${took}`);
  };
}

function engineOptions(
  context: CommandContext,
  environment: string,
  flags: DeployFlags,
  confirmedOnTerminal?: () => boolean,
): Omit<DeployOptions, 'confirm'> {
  const only = checkOnly(flags.only);
  const waitForLockMs = checkWait(flags.waitForLock);
  const waitForApprovalMs = checkWait(flags.waitForApproval, '--wait-for-approval');
  const overrideFreeze = checkOverride(flags.overrideFreeze);
  return {
    environment,
    configDir: context.configDir,
    cwd: context.io.cwd,
    env: context.io.env,
    report: reporter(context),
    extensions: changeExtensions(context, {
      ...(waitForApprovalMs !== undefined ? { waitForApprovalMs } : {}),
      ...(overrideFreeze !== undefined ? { overrideFreeze } : {}),
      ...(confirmedOnTerminal ? { confirmedOnTerminal } : {}),
    }),
    ...(only ? { only } : {}),
    ...(flags.skipBuild ? { skipBuild: true } : {}),
    ...(flags.redeployApi ? { redeployApi: true } : {}),
    ...(waitForLockMs !== undefined ? { waitForLockMs } : {}),
    ...(flags.prune ? { prune: true } : {}),
    ...(flags.safeMode ? { safeMode: true } : {}),
    ...(flags.skipValidation ? { skipValidation: true } : {}),
    ...(flags.force ? { force: true } : {}),
  };
}

/** `omnix plan <env>`: what a deployment would change, and nothing more. */
export async function planCommand(
  context: CommandContext,
  environment: string,
  flags: DeployFlags,
): Promise<number> {
  // A plan shows the plan, not the progress of getting it.
  const outcome = await deploy({
    ...engineOptions(context, environment, flags),
    report: () => {},
    dryRun: true,
  });
  if (context.json)
    context.printJson({ ...outcome.plan, outputs: 'outputs' in outcome ? outcome.outputs : {} });
  else context.print(renderPlan(outcome.plan, createStyle(context.color)));
  await githubPlan(context.io, outcome.plan);
  return ExitCode.Ok;
}

/** `omnix deploy <env>`: the whole life cycle, with a confirmation unless --yes. */
export async function deployCommand(
  context: CommandContext,
  environment: string,
  flags: DeployFlags,
): Promise<number> {
  if (flags.dryRun) return planCommand(context, environment, flags);
  if (!context.yes && !context.interactive) {
    throw new UsageError(
      'ConfirmationRequired',
      `refusing to deploy ${environment} without --yes when there is no terminal to confirm on`,
      {
        hint: `Run 'omnix deploy ${environment} --yes' in CI, or 'omnix plan ${environment}' to see what would change.`,
      },
    );
  }
  const style = createStyle(context.color);
  let confirmed: string | undefined;
  // Typing the environment's name after seeing the plan is the approval a terminal gives (approvals.required).
  const options = engineOptions(context, environment, flags, () => confirmed !== undefined);
  // What was confirmed is the engine's plan; the extensions' findings (a risk score, say) may move with
  // the clock between the question and the deployment without changing what the deployment does.
  const findings = new Set((options.extensions ?? []).map((extension) => extension.name));
  const withoutFindings = (plan: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(plan).filter(([key]) => !findings.has(key))));
  const run = (extra: Partial<DeployOptions>) =>
    interruptible(context, environment, (interrupts) => deploy({ ...options, ...extra, interrupts }));
  let outcome: Awaited<ReturnType<typeof deploy>>;
  if (!context.interactive) {
    outcome = await run({});
  } else {
    // On a terminal: show the plan and ask first (a prompt cannot share the screen with the live task
    // list), then deploy under the task list, refusing if the plan changed meanwhile.
    if (!context.yes) {
      const preview = await run({ report: () => {}, dryRun: true });
      if (preview.status !== 'planned') return ExitCode.Ok;
      context.print(renderPlan(preview.plan, style));
      if (preview.plan.nothingToDo) return ExitCode.Ok;
      const risky = highRisk(preview.plan);
      const question = risky ? `Deploy to ${environment} (${risky})?` : `Deploy to ${environment}?`;
      if (
        !(await confirmChange(context, environment, question, risky ? `deploy it (${risky})` : 'deploy it'))
      ) {
        throw new AbortedError('not deployed: the plan was not confirmed');
      }
      confirmed = withoutFindings(preview.plan);
    }
    outcome = await withTaskList((report) =>
      run({
        report,
        ...(confirmed ? { skipBuild: true } : {}),
        confirm: async (plan) => {
          if (confirmed && withoutFindings(plan) !== confirmed) {
            throw new UsageError(
              'PlanChanged',
              `the plan for ${environment} changed after you confirmed it; nothing was deployed`,
              { hint: 'Run the deployment again to see the new plan.' },
            );
          }
          return true;
        },
      }),
    );
  }
  await githubOutcome(context.io, environment, outcome);
  if (context.json) {
    context.print(JSON.stringify({ type: 'outcome', ...outcome }));
    return ExitCode.Ok;
  }
  if (outcome.status === 'nothing-to-do')
    context.print(
      `${style.green('✔')} ${environment} is up to date${outcome.release ? ` (release v${outcome.release})` : ''}: nothing to change`,
    );
  if (outcome.status === 'succeeded')
    context.print(
      `${style.green('✔')} deployed ${environment}: release ${style.bold(`v${outcome.release}`)} in ${(outcome.durationMs / 1000).toFixed(1)} s`,
    );
  if ('outputs' in outcome) {
    if (outcome.outputs.siteUrl) context.print(`  site: ${outcome.outputs.siteUrl}`);
    if (outcome.outputs.apiUrl) context.print(`  api:  ${outcome.outputs.apiUrl}`);
  }
  return ExitCode.Ok;
}
