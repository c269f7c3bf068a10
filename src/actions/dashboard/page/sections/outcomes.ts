import type { EnvironmentMetrics } from '../../metrics/environment-metrics.js';
import { COLOURS, chartOptions } from '../charts.js';
import { html } from '../html.js';
import { chartId, MAX_ROWS, type Section } from './section.js';

/** Deployments per day (or week) by how they ended: a stacked bar chart and, for text readers, a table. */
export function outcomesSection(metrics: EnvironmentMetrics, index: number): Section {
  const { unit, buckets } = metrics.outcomes;
  const id = chartId(index, 'outcomes');
  const series = [
    { label: 'succeeded', key: 'succeeded', colour: COLOURS.succeeded },
    { label: 'rolled back', key: 'rolledBack', colour: COLOURS.rolledBack },
    { label: 'failed', key: 'failed', colour: COLOURS.failed },
    { label: 'interrupted', key: 'interrupted', colour: COLOURS.interrupted },
  ] as const;
  const busy = buckets.filter((b) => b.succeeded + b.failed + b.rolledBack + b.interrupted > 0).reverse();
  const rows = busy
    .slice(0, MAX_ROWS)
    .map(
      (b) =>
        html`<tr><td>${b.start}</td><td>${b.succeeded}</td><td>${b.rolledBack}</td><td>${b.failed}</td><td>${b.interrupted}</td></tr>`,
    );
  return {
    html: html`<h3>Deployments per ${unit}</h3>
<figure><div class="chart"><canvas id="${id}" role="img" aria-label="Deployments per ${unit} by outcome"></canvas></div>
<figcaption>Finished deployments per ${unit} (UTC${unit === 'week' ? ', weeks from Monday' : ''}), by how they ended.</figcaption></figure>
<table><thead><tr><th scope="col">${unit === 'week' ? 'Week of' : 'Day'}</th><th scope="col">Succeeded</th><th scope="col">Rolled back</th><th scope="col">Failed</th><th scope="col">Interrupted</th></tr></thead>
<tbody>${rows}</tbody></table>
${busy.length > MAX_ROWS ? html`<p class="note">${busy.length - MAX_ROWS} earlier ${unit}(s) not listed.</p>` : null}`,
    charts: [
      {
        id,
        type: 'bar',
        data: {
          labels: buckets.map((b) => b.start),
          datasets: series.map((s) => ({
            label: s.label,
            data: buckets.map((b) => b[s.key]),
            backgroundColor: s.colour,
            stack: 'outcomes',
          })),
        },
        options: chartOptions({ x: unit === 'week' ? 'week of' : 'day', y: 'deployments', stacked: true }),
      },
    ],
  };
}
