import type { EnvironmentMetrics } from '../../metrics/environment-metrics.js';
import { COLOURS, chartOptions } from '../charts.js';
import { html } from '../html.js';
import { chartId, type Section } from './section.js';

/** Lead time of each deployment whose commit time is known, in hours, newest 50. */
export function leadTimeSection(metrics: EnvironmentMetrics, index: number): Section {
  const samples = metrics.dora.leadTime.samples.slice(-50);
  if (samples.length === 0) return { html: html``, charts: [] };
  const id = chartId(index, 'lead-time');
  return {
    html: html`<figure><div class="chart short"><canvas id="${id}" role="img" aria-label="Lead time of each deployment whose commit time is known"></canvas></div>
<figcaption>Lead time from commit to live, per deployment whose commit time is known (hours).</figcaption></figure>`,
    charts: [
      {
        id,
        type: 'line',
        data: {
          labels: samples.map((sample) => sample.liveAt.slice(5, 16).replace('T', ' ')),
          datasets: [
            {
              label: 'lead time (h)',
              data: samples.map((sample) => Math.round((sample.ms / 3_600_000) * 1000) / 1000),
              borderColor: COLOURS.line,
              backgroundColor: COLOURS.line,
            },
          ],
        },
        options: chartOptions({ x: 'live at (UTC)', y: 'hours' }),
      },
    ],
  };
}
