import type { EnvironmentMetrics } from '../../metrics/environment-metrics.js';
import { COLOURS, chartOptions, seconds } from '../charts.js';
import { duration, NONE, time } from '../format.js';
import { html } from '../html.js';
import { chartId, MAX_ROWS, type Section } from './section.js';

/** The seed's target for a rollback, drawn as a line on the chart. */
const TARGET_SECONDS = 120;

/** Every rollback's duration against the seed's two minutes: a chart and a table. */
export function rollbacksSection(metrics: EnvironmentMetrics, index: number): Section {
  const found = metrics.rollbacks;
  if (found.length === 0) return { html: html`<h3>Rollbacks</h3><p>No rollback yet.</p>`, charts: [] };
  const id = chartId(index, 'rollbacks');
  const charted = found.slice(-MAX_ROWS);
  const rows = [...found]
    .reverse()
    .slice(0, MAX_ROWS)
    .map(
      (rollback) =>
        html`<tr><td>${time(rollback.at)}</td><td>${rollback.kind}</td><td>${duration(rollback.durationMs)}</td><td class="${rollback.outcome === 'restored' ? 'met' : 'missed'}">${rollback.outcome}</td><td>${rollback.toRelease === null ? NONE : `v${rollback.toRelease}`}</td><td class="id">${rollback.deploymentId}</td></tr>`,
    );
  return {
    html: html`<h3>Rollbacks</h3>
<figure><div class="chart"><canvas id="${id}" role="img" aria-label="Duration of each rollback against the two-minute target"></canvas></div>
<figcaption>Each rollback's duration; the line is the seed's target of 2 minutes.</figcaption></figure>
<table><thead><tr><th scope="col">When</th><th scope="col">Kind</th><th scope="col">Duration</th><th scope="col">Outcome</th><th scope="col">To release</th><th scope="col">Deployment</th></tr></thead>
<tbody>${rows}</tbody></table>
${found.length > MAX_ROWS ? html`<p class="note">${found.length - MAX_ROWS} older rollback(s) not listed.</p>` : null}`,
    charts: [
      {
        id,
        type: 'bar',
        data: {
          labels: charted.map((rollback) => `${time(rollback.at).slice(5, 16)} ${rollback.kind}`),
          datasets: [
            {
              label: 'rollback (s)',
              data: charted.map((rollback) => seconds(rollback.durationMs)),
              backgroundColor: COLOURS.rolledBack,
            },
            {
              type: 'line',
              label: 'target: 2 minutes',
              data: charted.map(() => TARGET_SECONDS),
              borderColor: COLOURS.target,
              backgroundColor: COLOURS.target,
              pointRadius: 0,
            },
          ],
        },
        options: chartOptions({ x: 'rollback (start, UTC)', y: 'seconds' }),
      },
    ],
  };
}
