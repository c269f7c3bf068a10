import type { DeployEvent } from '../../core/events.js';
import type { PlanSummary } from '../../records/index.js';
import type { CommandContext } from '../io.js';
import { createStyle } from '../style.js';
import { githubWarning } from './github-hooks.js';
import { renderRisk } from './risk.js';

/**
 * How a change's progress reaches the user without a task list: one JSON event per line with
 * `--json`, else timestamped lines by phase.
 */
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
      // The plan itself is not repeated here, but its risk belongs to the plan step (the event's data is the summary).
      for (const line of renderRisk((event.data ?? {}) as PlanSummary, style))
        context.print(`${time} ${style.cyan('plan'.padEnd(8))} ${line.trim()}`);
      return;
    }
    const took = event.durationMs !== undefined ? style.dim(` (${event.durationMs} ms)`) : '';
    const text = event.kind === 'warn' ? style.yellow(event.message) : event.message;
    context.print(`${time} ${style.cyan(event.phase.padEnd(8))} ${text}${took}`);
  };
}
