import type { EnvironmentMetrics } from '../../metrics/environment-metrics.js';
import type { ReleaseEntry } from '../../metrics/releases.js';
import { NONE, time } from '../format.js';
import { html } from '../html.js';
import { MAX_ROWS } from './section.js';

function what(entry: ReleaseEntry): string {
  const { what: made } = entry;
  if (made.kind === 'rollback') return `rollback to v${made.to}`;
  if (made.kind === 'promotion')
    return `promoted from ${made.from.environment} v${made.from.release} (${made.changes} change(s))`;
  return `${made.changes} change(s)`;
}

function holds(entry: ReleaseEntry): string {
  const functions = entry.functions.slice(0, 5).map((fn) => `${fn.name}:${fn.version}`);
  const more = entry.functions.length > 5 ? ` and ${entry.functions.length - 5} more` : '';
  return [`${entry.files} site file(s)`, ...functions].join(', ') + more;
}

/** Releases, newest first: when, who, what, and what they hold. */
export function releasesTable(metrics: EnvironmentMetrics) {
  const { releases } = metrics;
  if (releases.length === 0) return html`<h3>Releases</h3><p>No release yet.</p>`;
  const rows = releases
    .slice(0, MAX_ROWS)
    .map(
      (entry) =>
        html`<tr><th scope="row">v${entry.number}</th><td>${time(entry.createdAt)}</td><td>${entry.by ?? NONE}</td><td>${what(entry)}</td><td>${holds(entry)}</td><td class="id">${entry.commit === null ? NONE : entry.commit.slice(0, 12)}</td><td class="id">${entry.deploymentId}</td></tr>`,
    );
  return html`<h3>Releases</h3>
<div class="scroll"><table class="wide"><thead><tr><th scope="col">Release</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Holds</th><th scope="col">Commit</th><th scope="col">Deployment</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${releases.length > MAX_ROWS ? html`<p class="note">${releases.length - MAX_ROWS} older release(s) not listed.</p>` : null}`;
}
