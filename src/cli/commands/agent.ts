import { diagnose } from '../../agent/commands/diagnose.js';
import { explainDeployment } from '../../agent/commands/explain.js';
import { loadMemory } from '../../agent/commands/load-memory.js';
import { type MemoryReport, memoryReport } from '../../agent/commands/memory-report.js';
import { skippedWarning } from '../../agent/memory/read-memory.js';
import { forgetEnvironment } from '../../agent/memory/remember.js';
import { AbortedError, ExitCode, UsageError } from '../../core/errors.js';
import { findInterrupted, recentDeployments } from '../../engine/change/interrupted.js';
import { findDeployment } from '../find-deployment.js';
import type { CommandContext } from '../io.js';
import { renderTable } from '../render/table.js';
import { allEnvironmentStates, type EnvironmentState, environmentState } from '../state-access.js';
import { createStyle } from '../style.js';

const statesOf = (context: CommandContext, environment?: string): Promise<EnvironmentState[]> =>
  environment
    ? environmentState(context, environment).then((state) => [state])
    : allEnvironmentStates(context);

/** Each distinct store, with the environments kept in it and whether any of them has the agent on. */
function byStore(states: EnvironmentState[]) {
  const stores = new Map<string, { state: EnvironmentState; environments: string[]; enabled: boolean }>();
  for (const state of states) {
    const entry = stores.get(state.store.location) ?? { state, environments: [], enabled: false };
    entry.environments.push(state.environment);
    entry.enabled ||= state.loaded.config.agent.enabled;
    stores.set(state.store.location, entry);
  }
  return [...stores.values()];
}

/** `omnix agent memory [env]`: deployments learned from, signatures seen, recoveries tried. */
export async function agentMemory(context: CommandContext, environment: string | undefined): Promise<number> {
  const reports: MemoryReport[] = [];
  for (const { state, environments, enabled } of byStore(await statesOf(context, environment))) {
    // Learning from the history needs every environment of the store, not just the one asked about.
    const all = environment ? [...new Set([...environments, environment])] : environments;
    const memory = await loadMemory(state.store, all, { learn: enabled });
    reports.push(memoryReport(memory, environment));
  }
  const report = reports.length === 1 ? reports[0]! : merge(reports);
  for (const skipped of report.skipped) context.warn(skippedWarning(skipped));
  if (context.json) {
    context.printJson(report);
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  const outcomes = Object.entries(report.deployments.byOutcome)
    .map(([outcome, n]) => `${n} ${outcome.replace('_', ' ')}`)
    .join(', ');
  context.print(
    style.bold(
      `Learned from ${report.deployments.total} deployment(s)${environment ? ` of ${environment}` : ''}${outcomes ? `: ${outcomes}` : ''}`,
    ),
  );
  if (report.signatures.length > 0)
    context.print(
      renderTable(
        ['SIGNATURE', 'KNOWN AS', 'COUNT', 'LAST SEEN'],
        report.signatures.map((s) => [
          s.signature,
          s.failure ?? '-',
          String(s.count),
          `${s.lastSeen.at.slice(0, 16)} ${s.lastSeen.environment} ${s.lastSeen.deploymentId}`,
        ]),
      ),
    );
  else context.print('no failures seen');
  if (report.recoveries.length > 0)
    context.print(
      renderTable(
        ['RECOVERY FROM', 'TRIED', 'RECOVERED', 'SUCCESS'],
        report.recoveries.map((r) => [
          r.failure,
          String(r.tried),
          String(r.recovered),
          `${Math.round(r.successRate * 100)}%`,
        ]),
      ),
    );
  else context.print('no automatic recoveries tried');
  return ExitCode.Ok;
}

function merge(reports: MemoryReport[]): MemoryReport {
  const sum = (records: Array<Record<string, number>>) => {
    const total: Record<string, number> = {};
    for (const record of records) for (const [k, n] of Object.entries(record)) total[k] = (total[k] ?? 0) + n;
    return total;
  };
  return {
    deployments: {
      total: reports.reduce((n, r) => n + r.deployments.total, 0),
      byOutcome: sum(reports.map((r) => r.deployments.byOutcome)),
      byEnvironment: sum(reports.map((r) => r.deployments.byEnvironment)),
    },
    signatures: reports.flatMap((r) => r.signatures).sort((a, b) => b.count - a.count),
    recoveries: reports.flatMap((r) => r.recoveries),
    skipped: reports.flatMap((r) => r.skipped),
  };
}

/** `omnix agent explain [deployment-id|last] [--env e]`: a failure's signature, meaning, remedy and next step. */
export async function agentExplain(
  context: CommandContext,
  ref: string | undefined,
  flags: { env?: string },
): Promise<number> {
  const record =
    ref && ref !== 'last'
      ? await findDeployment(context, ref, flags.env, '--env')
      : await lastTrouble(context, flags.env);
  const explained = explainDeployment(record);
  if (context.json) {
    context.printJson(explained);
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  context.print(
    style.bold(`${explained.deploymentId} (${explained.environment}): ${explained.status.replace('_', ' ')}`),
  );
  if (explained.failure) context.print(`known failure: ${explained.failure.title} (${explained.failure.id})`);
  if (explained.signature) context.print(`signature: ${explained.signature}`);
  context.print(explained.explanation);
  if (explained.remedy) context.print(`${style.bold('remedy:')} ${explained.remedy}`);
  for (const done of explained.done) context.print(`done: ${done}`);
  if (explained.next) context.print(`${style.bold('next:')} ${explained.next}`);
  return ExitCode.Ok;
}

/** The newest deployment that did not succeed, of one environment or of all. */
async function lastTrouble(context: CommandContext, environment?: string) {
  const found = [];
  for (const { store, environment: name } of await statesOf(context, environment)) {
    const recent = await store.listDeployments(name, { limit: 50 });
    const trouble = recent.find((record) => record.status !== 'succeeded');
    if (trouble) found.push(trouble);
  }
  const newest = found.sort((a, b) => (a.id < b.id ? 1 : -1))[0];
  if (!newest)
    throw new UsageError(
      'NothingToExplain',
      `no failed or interrupted deployment in ${environment ?? 'any environment'}`,
      {
        hint: "'omnix history' lists the deployments; 'omnix agent explain <id>' explains any of them.",
      },
    );
  return newest;
}

/** `omnix agent fix <env>`: diagnoses the latest failure or interruption and runs the safe next step, once confirmed. */
export async function agentFix(context: CommandContext, environment: string): Promise<number> {
  const { store } = await environmentState(context, environment);
  const recent = await recentDeployments(store, environment);
  const [interrupted, lock] = await Promise.all([
    findInterrupted(store, environment, { recent }),
    store.readLock(environment),
  ]);
  const diagnosis = diagnose(environment, recent, interrupted, lock);
  if (context.json) context.printJson({ type: 'diagnosis', ...diagnosis });
  else {
    context.print(`${environment}: ${diagnosis.reason}`);
    if (diagnosis.explanation?.remedy && diagnosis.action === 'none')
      context.print(`remedy: ${diagnosis.explanation.remedy}`);
    if (diagnosis.command) context.print(`safe next step: ${diagnosis.command}`);
  }
  // Each step asks for its own confirmation (or --yes), as when it is run by hand.
  switch (diagnosis.action) {
    case 'none':
      return ExitCode.Ok;
    case 'recover':
      return (await import('./recover.js')).recoverCommand(context, environment, {});
    case 'rollback':
      return (await import('./rollback.js')).rollbackCommand(context, environment, undefined, {});
    case 'retry':
      return (await import('./deploy.js')).deployCommand(context, environment, {});
    case 'break-lock':
      return (await import('./lock.js')).lockBreak(context, environment);
  }
}

/** `omnix agent forget <env|--all>`: deletes what the agent remembers, after confirmation. */
export async function agentForget(
  context: CommandContext,
  environment: string | undefined,
  flags: { all?: boolean },
): Promise<number> {
  if (Boolean(environment) === Boolean(flags.all))
    throw new UsageError('ForgetWhat', 'name one environment, or --all', {
      hint: 'omnix agent forget staging, or omnix agent forget --all',
    });
  const what = environment
    ? `the agent's memory of ${environment}`
    : "the agent's memory of every environment";
  if (!context.yes) {
    if (!context.interactive)
      throw new UsageError('ConfirmationRequired', `refusing to forget ${what} without --yes`, {
        hint: `Run 'omnix agent forget ${environment ?? '--all'} --yes'.`,
      });
    const answer = await context.io.ask({ message: `Forget ${what}? (yes/no)`, default: 'no' });
    if (!/^y/i.test(answer.trim())) throw new AbortedError(`${what} was kept: not confirmed`);
  }
  let forgotten = 0;
  for (const { state, environments } of byStore(await statesOf(context, environment))) {
    const memory = await loadMemory(state.store, environments, { learn: false });
    for (const name of environments)
      forgotten += await forgetEnvironment(state.store, name, memory.deployments);
    // Unreadable documents belong to no environment we can tell: only --all removes them.
    if (flags.all) for (const skipped of memory.skipped) await state.store.deleteMemory(skipped.id);
  }
  if (context.json) context.printJson({ forgotten, environment: environment ?? null });
  else context.print(`forgot ${forgotten} deployment(s) from ${what}`);
  return ExitCode.Ok;
}
