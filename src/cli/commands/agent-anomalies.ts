import { ExitCode } from '../../core/errors.js';
import { parseLimit } from '../flags.js';
import type { CommandContext } from '../io.js';
import { renderTable } from '../render/table.js';
import { allEnvironmentStates, environmentState } from '../state-access.js';
import { createStyle } from '../style.js';

/** `omnix agent anomalies [env]`: the anomalies recorded with deployments, newest first. */
export async function agentAnomalies(
  context: CommandContext,
  environment: string | undefined,
  options: { limit?: string },
): Promise<number> {
  const limit = parseLimit(options.limit, 50);
  const states = environment
    ? [await environmentState(context, environment)]
    : await allEnvironmentStates(context);
  const rows = [];
  for (const { environment: name, store } of states)
    for (const record of await store.listDeployments(name, { limit: 200 }))
      for (const anomaly of record.anomalies ?? [])
        rows.push({
          deploymentId: record.id,
          environment: name,
          startedAt: record.startedAt,
          status: record.status,
          ...anomaly,
        });
  rows.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const shown = rows.slice(0, limit);
  if (context.json) {
    context.printJson({ anomalies: shown });
    return ExitCode.Ok;
  }
  if (shown.length === 0) {
    context.print(`no anomalies recorded${environment ? ` for ${environment}` : ''}`);
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  context.print(
    renderTable(
      ['DEPLOYMENT', 'ENV', 'KIND', 'WHAT', 'VALUE', 'USUAL', 'LIMIT'],
      shown.map((row) => [
        row.deploymentId,
        row.environment,
        row.kind,
        row.name,
        style.yellow(String(Math.round(row.value))),
        String(Math.round(row.median)),
        String(row.limit),
      ]),
    ),
  );
  return ExitCode.Ok;
}
