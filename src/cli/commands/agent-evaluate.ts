import { evaluateRisk } from '../../agent/risk/evaluate.js';
import { learnableHistory } from '../../agent/risk/from-records.js';
import { projectRecords } from '../../agent/risk/project-records.js';
import { ExitCode } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import { createStyle } from '../style.js';
import { agentState } from './agent-state.js';

const figure = (value: number | null, digits = 2) => (value === null ? '—' : value.toFixed(digits));

/** `omnix agent evaluate [env]`: how well the risk score would have predicted the recorded history. */
export async function agentEvaluate(
  context: CommandContext,
  environment: string | undefined,
): Promise<number> {
  const { loaded, store } = await agentState(context, environment);
  const { records } = await projectRecords(loaded, store);
  const history = learnableHistory(records);
  const evaluation = evaluateRisk(history.deployments, {
    minHistory: loaded.config.agent.minHistory,
    ...(environment ? { environment } : {}),
  });
  if (context.json) {
    context.printJson({ environment: environment ?? null, ...evaluation, unreadable: history.unreadable });
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  context.print(
    [
      style.bold(`Risk score, evaluated in time order on ${environment ?? 'all environments'}`),
      `  ${evaluation.deployments} deployment(s) learned from (${evaluation.failures} failed), ${evaluation.scored} scored by a model trained only on the ones before`,
      `  base failure rate ${figure(evaluation.baseRate)}, AUC ${figure(evaluation.auc)}, Brier ${figure(evaluation.brier, 3)} (always guessing the base rate: ${figure(evaluation.baselineBrier, 3)})`,
      `  ${evaluation.verdict === 'trust' ? style.green(evaluation.text) : style.yellow(evaluation.text)}`,
      ...(history.unreadable > 0 ? [style.dim(`  ${history.unreadable} unreadable record(s) left out`)] : []),
    ].join('\n'),
  );
  return ExitCode.Ok;
}
