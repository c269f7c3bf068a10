import { type DeployOptions, deploy } from '../../actions/deploy/deploy.js';
import { AbortedError, ExitCode, UsageError } from '../../core/errors.js';
import type { PlanSummary } from '../../records/index.js';
import { changeOptions } from '../change-options.js';
import { confirmChange } from '../confirm.js';
import { checkOnly, checkOverride, checkWait } from '../flags.js';
import { interruptible } from '../interruptible.js';
import type { CommandContext } from '../io.js';
import { githubOutcome, githubPlan } from '../render/github-hooks.js';
import { renderPlan } from '../render/plan.js';
import { highRisk } from '../render/risk.js';
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

function engineOptions(
  context: CommandContext,
  environment: string,
  flags: DeployFlags,
  confirmedOnTerminal?: () => boolean,
): Omit<DeployOptions, 'confirm'> {
  const only = checkOnly(flags.only);
  const waitForApprovalMs = checkWait(flags.waitForApproval, '--wait-for-approval');
  const overrideFreeze = checkOverride(flags.overrideFreeze);
  return {
    ...changeOptions(context, environment, {
      ...(flags.waitForLock !== undefined ? { waitForLock: flags.waitForLock } : {}),
      extensions: {
        ...(waitForApprovalMs !== undefined ? { waitForApprovalMs } : {}),
        ...(overrideFreeze !== undefined ? { overrideFreeze } : {}),
        ...(confirmedOnTerminal ? { confirmedOnTerminal } : {}),
      },
    }),
    ...(only ? { only } : {}),
    ...(flags.skipBuild ? { skipBuild: true } : {}),
    ...(flags.redeployApi ? { redeployApi: true } : {}),
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
  let confirmedOnTerminal = false;
  // Typing the environment's name after seeing the plan is the approval a terminal gives (approvals.required).
  const options = engineOptions(context, environment, flags, () => confirmedOnTerminal);
  const run = (extra: Partial<DeployOptions>) =>
    interruptible(context, environment, (interrupts) => deploy({ ...options, ...extra, interrupts }));
  let outcome: Awaited<ReturnType<typeof deploy>>;
  if (!context.interactive) outcome = await run({});
  else if (context.yes) outcome = await withTaskList((report) => run({ report }));
  else {
    // On a terminal: one deployment that plans, shows the plan and asks (the live task list waits for
    // the answer: a prompt cannot share the screen with it), then applies exactly what was confirmed.
    let showList!: () => void;
    const shown = new Promise<void>((resolve) => {
      showList = resolve;
    });
    outcome = await withTaskList(
      (report) =>
        run({
          report,
          confirm: async (plan) => {
            context.print(renderPlan(plan, style));
            const risky = highRisk(plan);
            const question = risky ? `Deploy to ${environment} (${risky})?` : `Deploy to ${environment}?`;
            const typed = risky ? `deploy it (${risky})` : 'deploy it';
            if (!(await confirmChange(context, environment, question, typed))) return false;
            confirmedOnTerminal = true;
            showList();
            return true;
          },
        }),
      { showWhen: shown },
    );
    if (outcome.status === 'declined') throw new AbortedError('not deployed: the plan was not confirmed');
    if (outcome.status === 'nothing-to-do') context.print(renderPlan(outcome.plan, style));
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
