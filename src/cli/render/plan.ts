import { formatBytes } from '../../core/bytes.js';
import type { PlanSummary } from '../../records/index.js';
import type { Style } from '../style.js';
import { renderRisk } from './risk.js';

/** The agent's findings: parts of the plan that failed before somewhere. */
function knownFailureLines(summary: PlanSummary, style: Style): string[] {
  const found = summary.agent?.knownFailures ?? [];
  return found.flatMap((failure) => [
    style.yellow(`  known failure: ${failure.reason}`),
    style.dim(`    matched: ${failure.matched.join('; ')}`),
    style.dim(`    remedy: ${failure.remedy}`),
    ...(summary.agent?.blocking
      ? [style.yellow('    a deployment stops here (agent.blockKnownFailures)')]
      : []),
  ]);
}

const cacheNote = (file: { cacheControl?: string; cacheControlByDefault?: boolean }) =>
  file.cacheControl
    ? `, Cache-Control: ${file.cacheControl}${file.cacheControlByDefault ? ' (default: no rule matched)' : ''}`
    : '';

/** The plan for people: what will be uploaded, deleted, updated and invalidated. */
export function renderPlan(summary: PlanSummary, style: Style): string {
  const lines = [style.bold(`Plan for ${summary.environment}`)];
  if (summary.nothingToDo) return [...lines, '  nothing to change'].join('\n');
  const frontend = summary.frontend;
  if (frontend) {
    lines.push(
      `  frontend → s3://${frontend.bucket}: ${frontend.upload} to upload (${formatBytes(frontend.uploadBytes)}), ${frontend.delete} to delete, ${frontend.unchanged} unchanged${frontend.keptStale ? `, ${frontend.keptStale} stale kept` : ''}`,
    );
    const files = frontend.files ?? [];
    for (const file of files.slice(0, 20))
      lines.push(
        style.dim(`    + ${file.key} (${file.reason}, ${formatBytes(file.size)}${cacheNote(file)})`),
      );
    if (files.length > 20) lines.push(style.dim(`    … and ${files.length - 20} more`));
    for (const key of frontend.deletes) lines.push(style.dim(`    - ${key}`));
    if (frontend.drift.length > 0)
      lines.push(
        style.yellow(`    ${frontend.drift.length} object(s) changed outside omnix will be put back`),
      );
    const sameName = frontend.immutableChanged ?? [];
    if (sameName.length > 0)
      lines.push(
        style.yellow(
          `    ${sameName.length} file(s) marked immutable changed under the same name (${sameName.slice(0, 3).join(', ')}${sameName.length > 3 ? ', …' : ''}): browsers may keep the old copy; put a content hash in the name`,
        ),
      );
    const paths = summary.invalidationPaths ?? [];
    lines.push(
      `  invalidation: ${paths.length === 0 ? 'none' : `${paths.join(' ')} (${paths.length} path${paths.length === 1 ? '' : 's'}, ~$${(summary.invalidationCostUsd ?? 0).toFixed(3)} beyond the free 1,000 a month)`}`,
    );
  }
  for (const fn of summary.backend?.functions ?? []) {
    lines.push(
      `  function ${fn.name}: ${fn.action}${fn.changedFields.length ? ` (${fn.changedFields.join(', ')})` : ''}`,
    );
  }
  lines.push(...apiLines(summary));
  if (summary.backend?.stageVariables) lines.push('  stage variables: updated');
  if (summary.freeze)
    lines.push(
      style.yellow(
        `  frozen now (${summary.freeze.window}): ${summary.freeze.reason}; a deployment is refused without --override-freeze`,
      ),
    );
  lines.push(...knownFailureLines(summary, style));
  lines.push(...renderRisk(summary, style));
  return lines.join('\n');
}

/** What the plan does to the API: its routes, the aliases it may invoke, autoDeploy, a new deployment. */
function apiLines(summary: PlanSummary): string[] {
  const api = summary.backend?.api;
  if (!api) return [];
  const lines: string[] = [];
  const routes = api.routes;
  const label = api.type === 'http' ? 'HTTP API' : 'REST API';
  if (routes) {
    for (const key of routes.add) lines.push(`  route ${key}: add`);
    for (const key of routes.change) lines.push(`  route ${key}: point at its function's alias`);
    for (const key of routes.remove) lines.push(`  route ${key}: remove (not in backend.api.routes)`);
  }
  for (const arn of api.allowInvoke ?? [])
    lines.push(`  ${arn.split(':').slice(-2).join(':')}: let the ${label} invoke it`);
  if (api.turnOffAutoDeploy) lines.push(`  stage ${api.stage}: turn autoDeploy off`);
  if (api.redeploy) lines.push(`  stage ${api.stage}: new deployment (${api.redeploy})`);
  return lines;
}
