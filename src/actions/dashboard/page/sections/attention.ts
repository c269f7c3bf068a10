import type { EnvironmentMetrics } from '../../metrics/environment-metrics.js';
import { printable } from '../../printable.js';
import { time } from '../format.js';
import { html } from '../html.js';

/** Who holds the environment's lock, and the interrupted deployments nobody recovered yet. */
export function attentionSection(metrics: EnvironmentMetrics) {
  const { lock, openInterruptions } = metrics;
  const holder = lock?.holder;
  const lockText = holder
    ? html`<p data-metric="lock">Locked by ${holder.user} on ${holder.host ?? 'an unknown host'} (pid ${holder.pid}${holder.deploymentId ? `, deployment ${holder.deploymentId}` : ''}) since ${time(lock.acquiredAt)}, until ${time(lock.expiresAt)}${lock.stale ? html` <strong class="missed">stale: its holder stopped renewing it</strong>` : ''}.</p>`
    : html`<p data-metric="lock">Not locked.</p>`;
  const interruptions =
    openInterruptions.length === 0
      ? html`<p data-metric="open-interruptions">No interrupted deployment waits for recovery.</p>`
      : html`<p class="missed"><span data-metric="open-interruptions">${openInterruptions.length}</span> interrupted deployment(s) not recovered: run <code>omnix recover ${printable(metrics.environment, 80)}</code>.</p>
<ul>${openInterruptions.map(
          (entry) =>
            html`<li><span class="id">${entry.deploymentId}</span>, started ${time(entry.startedAt)} by ${entry.by}, stopped after ${entry.changes.length} change(s)${entry.changes.length > 0 ? html`: ${entry.changes.slice(0, 5).join('; ')}${entry.changes.length > 5 ? '; …' : ''}` : ''}</li>`,
        )}</ul>`;
  return html`<h3>Locks and interruptions</h3>${lockText}${interruptions}`;
}
