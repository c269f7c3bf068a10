import type { EnvironmentMetrics } from '../../metrics/environment-metrics.js';
import { COLOURS, chartOptions } from '../charts.js';
import { percent, time } from '../format.js';
import { html } from '../html.js';
import { chartId, type Section } from './section.js';

/** The agent's risk scores against what happened: by level in a table, each deployment on a chart. */
export function riskSection(metrics: EnvironmentMetrics, index: number): Section {
  const { scored, byLevel, unscored } = metrics.risk;
  const heading = html`<h3>Risk scores and outcomes</h3>`;
  if (scored.length === 0)
    return {
      html: html`${heading}<p>No deployment carries a risk score yet (${unscored} without one: the agent scores a plan once the history has enough deployments, agent.minHistory).</p>`,
      charts: [],
    };
  const id = chartId(index, 'risk');
  const rows = byLevel.map(
    (level) =>
      html`<tr><th scope="row">${level.level}</th><td>${level.deployments}</td><td>${level.failures}</td><td data-metric="risk-failure-rate-${level.level}">${percent(level.failureRate)}</td></tr>`,
  );
  const point = (entry: (typeof scored)[number]) => ({ x: entry.score, y: entry.outcome });
  return {
    html: html`${heading}
<figure><div class="chart short"><canvas id="${id}" role="img" aria-label="Risk score of each deployment against its outcome"></canvas></div>
<figcaption>Each scored deployment: the agent's risk score (0–1) and how it went.</figcaption></figure>
<table><thead><tr><th scope="col">Risk level</th><th scope="col">Deployments</th><th scope="col">Failed</th><th scope="col">Failure rate</th></tr></thead>
<tbody>${rows}</tbody></table>
<p class="note">${scored.length} scored deployment(s), ${unscored} without a score; the newest scored: ${time(scored.at(-1)!.startedAt)}.</p>`,
    charts: [
      {
        id,
        type: 'scatter',
        data: {
          datasets: [
            {
              label: 'succeeded',
              data: scored.filter((entry) => entry.outcome === 'succeeded').map(point),
              backgroundColor: COLOURS.succeeded,
              pointRadius: 5,
            },
            {
              label: 'failed or rolled back',
              data: scored.filter((entry) => entry.outcome === 'failed').map(point),
              backgroundColor: COLOURS.failed,
              pointRadius: 5,
            },
          ],
        },
        options: chartOptions({ x: 'risk score', y: 'outcome', yCategories: ['failed', 'succeeded'] }),
      },
    ],
  };
}
