import { environmentDifferences } from '../../config/environment-diff.js';
import { loadValidConfig } from '../../config/load.js';
import { ExitCode } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import { renderTable } from '../render/table.js';
import { createStyle } from '../style.js';

/** Every leaf whose value differs between two environments; secrets compare by value but show as ***. */
export async function configDiff(context: CommandContext, a: string, b: string): Promise<number> {
  const load = (environment: string) =>
    loadValidConfig({ environment, configDir: context.configDir, env: context.io.env, cwd: context.io.cwd });
  const [left, right] = [await load(a), await load(b)];
  const differences = environmentDifferences(left, right);

  if (context.json) {
    context.printJson({ a, b, differences });
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  if (differences.length === 0) {
    context.print(`${a} and ${b} have the same configuration`);
    return ExitCode.Ok;
  }
  const cell = (value: unknown) =>
    value === undefined ? style.dim('(unset)') : typeof value === 'string' ? value : JSON.stringify(value);
  context.print(
    renderTable(
      ['PATH', a.toUpperCase(), b.toUpperCase()],
      differences.map((d) => [d.path, cell(d.a), cell(d.b)]),
    ),
  );
  context.print(style.dim(`\n${differences.length} value${differences.length === 1 ? '' : 's'} differ`));
  return ExitCode.Ok;
}
