/** How the page writes numbers; "—" where there is nothing to show. */
export const NONE = '—';

const trim = (value: number, digits: number) => Number(value.toFixed(digits)).toString();

/** 850 ms, 12.3 s, 4 min 5 s, 3 h 20 min, 2.5 d. */
export function duration(ms: number | null): string {
  if (ms === null) return NONE;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trim(ms / 1000, 1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.floor((ms % 60_000) / 1000)} s`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ${Math.floor((ms % 3_600_000) / 60_000)} min`;
  return `${trim(ms / 86_400_000, 1)} d`;
}

/** A share as a percentage with one decimal: 66.7 %. */
export const percent = (ratio: number | null): string =>
  ratio === null ? NONE : `${trim(ratio * 100, 1)} %`;

/** A rate with two decimals: 0.2, 1.43. */
export const rate = (value: number | null): string => (value === null ? NONE : trim(value, 2));

/** `2026-03-01 10:00:05 UTC` from an ISO time. */
export function time(iso: string | null): string {
  if (iso === null) return NONE;
  const at = Date.parse(iso);
  return Number.isFinite(at) ? `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC` : NONE;
}
