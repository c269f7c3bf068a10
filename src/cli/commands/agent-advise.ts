import { adviseEnvironment } from '../../agent/advice/advise.js';
import { ExitCode } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import { allEnvironmentStates, environmentState } from '../state-access.js';
import { createStyle } from '../style.js';

/** `omnix agent advise [env]`: recommendations backed by the history and the configuration, and the best-practice scores. */
export async function agentAdvise(context: CommandContext, environment: string | undefined): Promise<number> {
  const states = environment
    ? [await environmentState(context, environment)]
    : await allEnvironmentStates(context);
  const now = new Date();
  const results = [];
  for (const { environment: name, loaded, store } of states)
    results.push(
      await adviseEnvironment({
        environment: name,
        config: loaded.config,
        projectRoot: loaded.location.projectRoot,
        records: await store.listDeployments(name, { limit: 200 }),
        now,
      }),
    );
  if (context.json) {
    context.printJson({ environments: results });
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  const lines: string[] = [];
  for (const result of results) {
    lines.push(
      style.bold(
        `${result.environment}: ${result.deployments} deployment(s) recorded, best practices ${result.score.met}/${result.score.checked}`,
      ),
    );
    if (result.advice.length === 0)
      lines.push('  no advice: nothing in the history or the configuration calls for a change');
    for (const advice of result.advice) {
      lines.push(`  ${style.yellow('•')} ${advice.title}`);
      for (const evidence of advice.evidence) lines.push(style.dim(`      ${evidence}`));
      lines.push(`      → ${advice.change}`);
    }
    lines.push('  best practices:');
    for (const practice of result.practices) {
      const mark = practice.ok === null ? style.dim('?') : practice.ok ? style.green('✔') : style.red('✘');
      lines.push(
        `    ${mark} ${practice.title}: ${practice.evidence}${practice.ok === false ? style.dim(` (${practice.why})`) : ''}`,
      );
    }
    lines.push('');
  }
  context.print(lines.join('\n').trimEnd());
  return ExitCode.Ok;
}
