import { stringify } from 'yaml';
import { type LoadedConfig, loadValidConfig } from '../../config/load.js';
import { formatPath, leaves } from '../../config/paths.js';
import { formatOrigin } from '../../config/provenance.js';
import { resolveDeployTimeReferences } from '../../config/resolve-deploy-time.js';
import { redactConfig } from '../../config/secrets.js';
import { ConfigError, ExitCode } from '../../core/errors.js';
import type { CommandContext } from '../io.js';
import { issueToJson, renderIssue } from '../render/issues.js';
import { renderTable } from '../render/table.js';
import { createStyle } from '../style.js';

export async function configShow(
  context: CommandContext,
  environment: string,
  options: { sources?: boolean; resolve?: boolean },
): Promise<number> {
  let loaded: LoadedConfig = await loadValidConfig({
    environment,
    configDir: context.configDir,
    env: context.io.env,
    cwd: context.io.cwd,
  });
  if (options.resolve) {
    const resolved = await resolveDeployTimeReferences(loaded);
    if (!resolved.ok) throw new ConfigError(resolved.errors);
    loaded = resolved;
  }
  const shown = redactConfig(loaded.config, loaded.secretPaths);
  const rows = leaves(shown).map(([path, value]) => ({
    path: formatPath(path),
    value,
    source: formatOrigin(loaded.provenance.originOf(path)),
    pending: loaded.pending.has(formatPath(path)),
  }));

  if (context.json) {
    context.printJson({
      environment,
      config: shown,
      ...(options.sources ? { sources: Object.fromEntries(rows.map((row) => [row.path, row.source])) } : {}),
      resolvedAtDeployTime: rows.filter((row) => row.pending).map((row) => row.path),
      warnings: loaded.warnings.map(issueToJson),
    });
    return ExitCode.Ok;
  }

  const style = createStyle(context.color);
  for (const issue of loaded.warnings) context.warn(renderIssue(issue, style, 'warning'));
  if (options.sources) {
    context.print(
      renderTable(
        ['PATH', 'VALUE', 'SOURCE'],
        rows.map((row) => [
          row.path,
          showValue(row.value) + (row.pending ? style.dim(' (resolved at deploy time)') : ''),
          style.dim(row.source),
        ]),
      ),
    );
  } else {
    context.print(style.dim(`# ${environment}: merged and resolved; secrets shown as ***`));
    context.print(stringify(shown, { lineWidth: 0 }).trimEnd());
  }
  return ExitCode.Ok;
}

function showValue(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
}
