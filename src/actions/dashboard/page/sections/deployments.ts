import type { EnvironmentMetrics } from '../../metrics/environment-metrics.js';
import { chartOptions, PALETTE, seconds } from '../charts.js';
import { duration, NONE, time } from '../format.js';
import { html } from '../html.js';
import { chartId, MAX_ROWS, type Section } from './section.js';

/** How many deployments the phase chart shows: the newest. */
const CHARTED = 30;

const OUTCOME_CLASS: Record<string, string> = {
  succeeded: 'met',
  failed: 'missed',
  rolled_back: 'missed',
  interrupted: 'missed',
  in_progress: 'unknown',
};

/** Each deployment's duration by phase (a stacked bar chart), the phases' summary, and the newest deployments. */
export function deploymentsSection(metrics: EnvironmentMetrics, index: number): Section {
  const id = chartId(index, 'phases');
  const finished = metrics.timeline.filter((entry) => entry.status !== 'in_progress').slice(-CHARTED);
  // A chart of more phases than the life cycle has would be a record playing games: the first ones only.
  const names = metrics.phases.slice(0, PALETTE.length * 2).map((phase) => phase.name);
  const phaseRows = metrics.phases.map(
    (phase) =>
      html`<tr><th scope="row">${phase.name}</th><td>${phase.count}</td><td>${duration(phase.medianMs)}</td><td>${duration(phase.meanMs)}</td><td>${duration(phase.maxMs)}</td></tr>`,
  );
  const newest = [...metrics.timeline].reverse();
  const rows = newest.slice(0, MAX_ROWS).map((entry) => {
    const error = entry.errors[0];
    return html`<tr><td>${time(entry.startedAt)}</td><td>${entry.by}</td><td>${entry.kind}</td><td class="${OUTCOME_CLASS[entry.status] ?? 'unknown'}">${entry.status.replace('_', ' ')}</td><td>${entry.release === null ? NONE : `v${entry.release}`}</td><td>${duration(entry.durationMs)}</td><td>${entry.leadTimeMs === null ? 'unknown' : duration(entry.leadTimeMs)}</td><td>${entry.changes}</td><td class="id">${entry.id}</td><td class="error">${error ? `${error.code}: ${error.message.slice(0, 300)}` : ''}</td></tr>`;
  });
  return {
    html: html`<h3>Deployment duration by phase</h3>
<figure><div class="chart"><canvas id="${id}" role="img" aria-label="Duration of each of the newest deployments by phase"></canvas></div>
<figcaption>The newest ${finished.length} finished deployment(s), each phase's seconds stacked.</figcaption></figure>
<table><thead><tr><th scope="col">Phase</th><th scope="col">Runs</th><th scope="col">Median</th><th scope="col">Mean</th><th scope="col">Longest</th></tr></thead>
<tbody>${phaseRows}</tbody></table>
<h3>Deployments</h3>
<div class="scroll"><table class="wide"><thead><tr><th scope="col">Started</th><th scope="col">Who</th><th scope="col">Kind</th><th scope="col">Outcome</th><th scope="col">Release</th><th scope="col">Duration</th><th scope="col">Lead time</th><th scope="col">Changes</th><th scope="col">Id</th><th scope="col">First error</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${newest.length > MAX_ROWS ? html`<p class="note">${newest.length - MAX_ROWS} older deployment(s) not listed.</p>` : null}`,
    charts: [
      {
        id,
        type: 'bar',
        data: {
          labels: finished.map((entry) => time(entry.startedAt).slice(5, 16)),
          datasets: names.map((name, at) => ({
            label: name,
            data: finished.map((entry) => {
              const ms = entry.phases
                .filter((phase) => phase.name === name)
                .reduce((sum, p) => sum + p.ms, 0);
              return seconds(ms);
            }),
            backgroundColor: PALETTE[at % PALETTE.length]!,
            stack: 'phases',
          })),
        },
        options: chartOptions({ x: 'deployment (start, UTC)', y: 'seconds', stacked: true }),
      },
    ],
  };
}
