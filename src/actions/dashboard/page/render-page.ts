import type { DashboardData } from '../load.js';
import type { EnvironmentMetrics } from '../metrics/environment-metrics.js';
import type { ChartSpec } from './charts.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { contentSecurityPolicy } from './csp.js';
import { duration, percent, rate, time } from './format.js';
import { type Html, html, trusted } from './html.js';
import { attentionSection } from './sections/attention.js';
import { deploymentsSection } from './sections/deployments.js';
import { doraTable, targetsTable } from './sections/dora.js';
import { leadTimeSection } from './sections/lead-time.js';
import { outcomesSection } from './sections/outcomes.js';
import { releasesTable } from './sections/releases.js';
import { riskSection } from './sections/risk.js';
import { rollbacksSection } from './sections/rollbacks.js';
import { STYLES } from './styles.js';

/** A rendered page and the policy it needs, for a header (a served page) as well as its meta tag. */
export interface RenderedPage {
  html: string;
  /** The Content-Security-Policy to send as a header with the page. */
  csp: string;
}

const hasHistory = (metrics: EnvironmentMetrics) => metrics.deployments > 0 || metrics.releases.length > 0;

function environmentSection(metrics: EnvironmentMetrics, index: number): { html: Html; charts: ChartSpec[] } {
  const heading = html`<h2 id="env-${index}">${metrics.environment}</h2>`;
  if (!hasHistory(metrics))
    return {
      html: html`<section data-environment="${metrics.environment}">${heading}<p class="empty">No deployments of ${metrics.environment} yet.</p>${attentionSection(metrics)}</section>`,
      charts: [],
    };
  const parts = [
    leadTimeSection(metrics, index),
    outcomesSection(metrics, index),
    deploymentsSection(metrics, index),
    rollbacksSection(metrics, index),
    riskSection(metrics, index),
  ];
  const [lead, outcomes, deployments, rollbacks, risk] = parts.map((part) => part.html);
  return {
    html: html`<section data-environment="${metrics.environment}">${heading}
<p class="note">${metrics.deployments} deployment(s) recorded since ${time(metrics.window.from)}.</p>
${doraTable(metrics)}${lead}${targetsTable(metrics)}${outcomes}${deployments}${rollbacks}${releasesTable(metrics)}${attentionSection(metrics)}${risk}
</section>`,
    charts: parts.flatMap((part) => part.charts),
  };
}

function overview(environments: readonly EnvironmentMetrics[]): Html {
  const rows = environments.map(
    (metrics, index) =>
      html`<tr><th scope="row"><a href="#env-${index}">${metrics.environment}</a></th><td>${metrics.deployments}</td><td>${rate(metrics.dora.deploymentFrequency.perDay)}</td><td>${metrics.dora.leadTime.count === 0 ? 'unknown' : duration(metrics.dora.leadTime.medianMs)}</td><td>${percent(metrics.dora.changeFailureRate.rate)}</td><td>${duration(metrics.dora.timeToRestore.medianMs)}</td><td>${percent(metrics.targets[0]!.value)}</td></tr>`,
  );
  return html`<table class="numbers"><caption>Environments</caption>
<thead><tr><th scope="col">Environment</th><th scope="col">Deployments</th><th scope="col">Per day</th><th scope="col">Lead time (median)</th><th scope="col">Change failure rate</th><th scope="col">Time to restore (median)</th><th scope="col">Success rate</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/** JSON inside a <script> element: no "<" left that could close it or open a comment. */
const embeddedJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The dashboard as one self-contained HTML document: the numbers as tables (readable without
 * JavaScript), the charts drawn from embedded JSON by `library` (Chart.js's UMD build), every value
 * from the store escaped, and a policy that allows only the page's own scripts and style.
 */
export function renderPage(data: DashboardData, library: string): RenderedPage {
  const sections = data.environments.map(environmentSection);
  const charts = sections.flatMap((section) => section.charts);
  const scripts = charts.length > 0 ? [library, CLIENT_SCRIPT] : [];
  const empty = !data.environments.some(hasHistory);
  const metaCsp = contentSecurityPolicy(scripts, [STYLES]);
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${metaCsp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>omnix deployment metrics</title>
<style>${trusted(STYLES)}</style>
</head>
<body>
<header><h1>Deployment metrics</h1>
<p class="note">From the state store, as of ${time(data.generatedAt)}. Definitions: docs/dashboard.md.</p>
<nav>${data.environments.map((metrics, index) => html`<a href="#env-${index}">${metrics.environment}</a>`)}</nav></header>
${data.warnings.length > 0 ? html`<section class="warnings"><h2>Warnings</h2><ul>${data.warnings.map((warning) => html`<li data-warning>${warning}</li>`)}</ul></section>` : null}
${empty ? html`<p class="empty" data-empty>No deployment history yet: nothing has been deployed to ${data.environments.length === 1 ? data.environments[0]!.environment : 'any environment'} with this state store. Deploy with <code>omnix deploy &lt;env&gt;</code>, then come back.</p>` : overview(data.environments)}
${sections.map((section) => section.html)}
${charts.length > 0 ? html`<script type="application/json" id="chart-data">${trusted(embeddedJson(charts))}</script>` : null}
${scripts.map((script) => html`<script>${trusted(script)}</script>`)}
</body>
</html>
`;
  return { html: page.text, csp: contentSecurityPolicy(scripts, [STYLES], { frameAncestors: true }) };
}
