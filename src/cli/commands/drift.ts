import { ExitCode } from '../../core/errors.js';
import { driftNow } from '../../engine/validate-now.js';
import type { CommandContext } from '../io.js';
import { renderTable } from '../render/table.js';
import { readOptions } from '../state-access.js';
import { createStyle } from '../style.js';

/** `omnix drift <env>`: what changed outside omnix since the latest release; exit 1 when anything did. */
export async function driftCommand(context: CommandContext, environment: string): Promise<number> {
  const found = await driftNow(readOptions(context, environment));
  const drifted = found.drift.length > 0;
  if (context.json) context.print(JSON.stringify({ ...found, drifted }));
  else {
    const style = createStyle(context.color);
    const against = `release v${found.release}`;
    if (found.release === undefined)
      context.print(`${environment}: no release yet: omnix has made nothing live that could have drifted`);
    else if (!drifted)
      context.print(`${environment}: ${style.green('no drift')}: live resources match ${against}`);
    else
      context.print(
        [
          `${environment}: ${style.yellow(`${found.drift.length} change(s) made outside omnix`)} since ${against}`,
          renderTable(
            ['RESOURCE', 'WHAT', 'EXPECTED', 'FOUND'],
            found.drift.map((item) => [item.resource, item.field, item.expected, item.found]),
          ),
          style.dim(
            `The next deployment puts back what omnix deployed; put changes that should stay into the configuration.`,
          ),
        ].join('\n'),
      );
  }
  return drifted ? ExitCode.DeploymentFailed : ExitCode.Ok;
}
