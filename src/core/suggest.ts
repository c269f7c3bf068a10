/** Levenshtein distance, small inputs only (config keys, command names). */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/**
 * The closest candidate to `input`, if it is close enough to be a plausible typo
 * (case-insensitive; at most a third of the word may differ).
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(2, Math.floor(input.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const match = closest(input, candidates);
  return match === undefined ? undefined : `did you mean '${match}'?`;
}

/**
 * The name `input` most likely means, for short names people abbreviate (environments: `prod`, `dev`,
 * `stage`): a near typo as `closest` finds it, else the one name that `input` begins (`prod` →
 * `production`), else the one name that shares all but its last letter (`stage` → `staging`).
 */
export function closestName(input: string, candidates: readonly string[]): string | undefined {
  const typo = closest(input, candidates);
  if (typo !== undefined) return typo;
  const needle = input.toLowerCase();
  const unique = (matches: string[]) => (matches.length === 1 ? matches[0] : undefined);
  if (needle.length >= 2) {
    const extended = unique(candidates.filter((name) => name.toLowerCase().startsWith(needle)));
    if (extended !== undefined) return extended;
  }
  if (needle.length >= 4) {
    const stem = needle.slice(0, -1);
    return unique(candidates.filter((name) => name.toLowerCase().startsWith(stem)));
  }
  return undefined;
}
