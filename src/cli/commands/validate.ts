import { validateNow } from '../../actions/inspect/validate-now.js';
import { ExitCode } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import { renderValidationReport } from '../render/validation.js';
import { readOptions } from '../state-access.js';
import { createStyle } from '../style.js';

/** `omnix validate <env>`: every pre-deployment check; exit 3 when one fails. */
export async function validateCommand(context: CommandContext, environment: string): Promise<number> {
  const report = await validateNow(readOptions(context, environment));
  if (context.json) context.print(JSON.stringify(report));
  else context.print(renderValidationReport(report, createStyle(context.color)));
  return report.status === 'fail' ? ExitCode.ValidationFailed : ExitCode.Ok;
}
