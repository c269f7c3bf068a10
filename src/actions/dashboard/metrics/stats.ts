/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The arithmetic mean; null for none. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The largest value; null for none. */
export function max(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((top, value) => (value > top ? value : top));
}

/** `part ÷ whole`, or null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Median, mean and largest of a list of durations in milliseconds. */
export interface DurationSummary {
  count: number;
  medianMs: number | null;
  meanMs: number | null;
  maxMs: number | null;
}

export function summarize(values: readonly number[]): DurationSummary {
  return { count: values.length, medianMs: median(values), meanMs: mean(values), maxMs: max(values) };
}
