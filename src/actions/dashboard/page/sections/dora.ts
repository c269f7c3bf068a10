import type { EnvironmentMetrics } from '../../metrics/environment-metrics.js';
import type { TargetCheck } from '../../metrics/seed-targets.js';
import { duration, NONE, percent, rate } from '../format.js';
import { type Html, html } from '../html.js';

const slug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, '-');

function targetValue(target: TargetCheck): string {
  if (target.value === null) return NONE;
  return target.unit === 'ratio' ? percent(target.value) : duration(target.value);
}

const verdict = (met: boolean | null) =>
  met === null
    ? html`<td class="unknown">not measured</td>`
    : met
      ? html`<td class="met">met</td>`
      : html`<td class="missed">missed</td>`;

/** The four DORA metrics, each with how it was counted. */
export function doraTable(metrics: EnvironmentMetrics): Html {
  const {
    deploymentFrequency: frequency,
    leadTime,
    changeFailureRate: cfr,
    timeToRestore: restore,
  } = metrics.dora;
  const lead =
    leadTime.count === 0
      ? html`unknown: no successful deployment recorded a commit whose time is known (${leadTime.unknown} without one)`
      : html`median of ${leadTime.count} deployment(s) whose commit time is known (mean ${duration(leadTime.meanMs)}); ${leadTime.unknown} unknown`;
  return html`<table class="numbers">
<caption>DORA metrics</caption>
<thead><tr><th scope="col">Metric</th><th scope="col">Value</th><th scope="col">Counted from</th></tr></thead>
<tbody>
<tr><th scope="row">Deployment frequency</th><td><span data-metric="deployment-frequency-per-day">${rate(frequency.perDay)}</span> per day (<span data-metric="deployment-frequency-per-week">${rate(frequency.perWeek)}</span> per week)</td><td><span data-metric="deliveries">${frequency.deliveries}</span> successful deployment(s) that changed something, over ${rate(metrics.window.days)} day(s) of history</td></tr>
<tr><th scope="row">Lead time for changes</th><td data-metric="lead-time-median">${leadTime.count === 0 ? 'unknown' : duration(leadTime.medianMs)}</td><td>${lead}</td></tr>
<tr><th scope="row">Change failure rate</th><td data-metric="change-failure-rate">${percent(cfr.rate)}</td><td><span data-metric="change-failures">${cfr.failures}</span> of <span data-metric="changes">${cfr.changes}</span> deployment(s) that changed something failed, were rolled back or were interrupted</td></tr>
<tr><th scope="row">Time to restore</th><td data-metric="time-to-restore-median">${duration(restore.medianMs)}</td><td>median of ${restore.count} restore(s) (mean ${duration(restore.meanMs)}, longest ${duration(restore.maxMs)}); <span data-metric="restores-open">${restore.open}</span> not restored yet</td></tr>
</tbody>
</table>`;
}

/** The seed task list's deployment targets next to what the records show. */
export function targetsTable(metrics: EnvironmentMetrics): Html {
  const rows = metrics.targets.map(
    (target) =>
      html`<tr><th scope="row">${target.name}</th><td>${target.target}</td><td data-metric="target-${slug(target.name)}">${targetValue(target)}</td>${verdict(target.met)}<td>${target.baseline}</td><td>${target.basis}</td></tr>`,
  );
  return html`<table class="numbers">
<caption>The seed's deployment targets</caption>
<thead><tr><th scope="col">Metric</th><th scope="col">Target</th><th scope="col">Measured</th><th scope="col">Verdict</th><th scope="col">Seed's starting point</th><th scope="col">Measured from</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}
