import { driftNow } from '../../actions/inspect/validate-now.js';
import { ExitCode } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import { renderTable } from '../render/table.js';
import { readOptions } from '../state-access.js';
import { createStyle } from '../style.js';

/**
 * `omnix drift <env>`: what changed outside omnix since the latest release; exit 1 when anything did,
 * or when nothing of the release could be compared ("not checked" is not "no drift").
 */
export async function driftCommand(context: CommandContext, environment: string): Promise<number> {
  const found = await driftNow(readOptions(context, environment));
  const drifted = found.drift.length > 0;
  const checked = found.release === undefined || drifted || found.compared > 0;
  if (context.json) context.print(JSON.stringify({ ...found, drifted, checked }));
  else {
    const style = createStyle(context.color);
    const against = `release v${found.release}`;
    const lines: string[] = [];
    if (found.release === undefined)
      lines.push(`${environment}: no release yet: omnix has made nothing live that could have drifted`);
    else if (!checked)
      lines.push(
        `${environment}: ${style.yellow('not checked')}: nothing of ${against} could be compared with what is live`,
        ...found.notChecked.map((reason) => `  ${reason}`),
      );
    else if (!drifted)
      lines.push(`${environment}: ${style.green('no drift')}: live resources match ${against}`);
    else
      lines.push(
        found.attention || found.interrupted
          ? `${environment}: ${style.yellow(`${found.drift.length} difference(s)`)} from ${against}`
          : `${environment}: ${style.yellow(`${found.drift.length} change(s) made outside omnix`)} since ${against}`,
        renderTable(
          ['RESOURCE', 'WHAT', 'EXPECTED', 'FOUND'],
          found.drift.map((item) => [item.resource, item.field, item.expected, item.found]),
        ),
        ...(found.interrupted
          ? []
          : [
              style.dim(
                `The next deployment puts back what omnix deployed; put changes that should stay into the configuration.`,
              ),
            ]),
      );
    if (found.interrupted)
      lines.push(
        style.yellow(
          `Deployment ${found.interrupted.deploymentId} was interrupted after ${found.interrupted.changes} recorded change(s) and has not been recovered: ${drifted ? 'these differences are likely its own' : 'what it changed may be live'}, not changes made outside omnix. Deployments refuse to start until it is recovered: put back what was live before with 'omnix recover ${environment}', or finish it with 'omnix recover ${environment} --resume'.`,
        ),
      );
    if (checked && found.release !== undefined && found.notChecked.length > 0)
      lines.push(style.dim(`Not compared: ${found.notChecked.join('; ')}`));
    if (found.attention)
      lines.push(
        style.yellow(
          `${environment} needs attention: deployment ${found.attention.deploymentId} failed and its rollback could not restore everything, so these differences may be its own, not changes made outside omnix (omnix status ${environment}).`,
        ),
      );
    context.print(lines.join('\n'));
  }
  return drifted || !checked ? ExitCode.DeploymentFailed : ExitCode.Ok;
}
