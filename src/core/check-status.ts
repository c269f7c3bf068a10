/** How a check ended: health checks and validation checks alike. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/** The worst of statuses: fail over warn over pass (pass when there are none). */
export function worst(statuses: Iterable<CheckStatus>): CheckStatus {
  const all = [...statuses];
  if (all.includes('fail')) return 'fail';
  return all.includes('warn') ? 'warn' : 'pass';
}
