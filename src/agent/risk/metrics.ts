/**
 * Area under the ROC curve: the chance that a random failed deployment scored higher than a random
 * successful one (ties count half). Null without both outcomes.
 */
export function auc(scores: readonly number[], labels: readonly number[]): number | null {
  const ranked = scores.map((score, i) => ({ score, label: labels[i]! })).sort((a, b) => a.score - b.score);
  const positives = ranked.filter((item) => item.label === 1).length;
  const negatives = ranked.length - positives;
  if (positives === 0 || negatives === 0) return null;
  let rankSum = 0;
  for (let i = 0; i < ranked.length; ) {
    let j = i;
    while (j < ranked.length && ranked[j]!.score === ranked[i]!.score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (ranked[k]!.label === 1) rankSum += averageRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared difference between the predicted probability and what happened (0 or 1): lower is better. */
export function brier(scores: readonly number[], labels: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return scores.reduce((sum, score, i) => sum + (score - labels[i]!) ** 2, 0) / scores.length;
}
