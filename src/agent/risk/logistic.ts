/**
 * L2-regularised logistic regression fitted by Newton's method: deterministic (no random start, no
 * sampling), and small enough to refit on every plan. Inputs are standardised with the training
 * data's mean and spread, so a weight reads as "log-odds per standard deviation" and a feature's effect
 * on one deployment is weight × its standardised value: how far it moves the odds from an average one.
 */
export interface LogisticModel {
  names: string[];
  means: number[];
  scales: number[];
  weights: number[];
  intercept: number;
}

/** @default lambda 1: the penalty on the squared weights, in units of one deployment's log-loss. */
export function fitLogistic(
  rows: ReadonlyArray<ReadonlyMap<string, number>>,
  labels: readonly number[],
  lambda = 1,
): LogisticModel {
  const names = [...new Set(rows.flatMap((row) => [...row.keys()]))].sort();
  const n = rows.length;
  const raw = rows.map((row) => names.map((name) => row.get(name) ?? 0));
  const means = names.map((_, j) => raw.reduce((sum, x) => sum + x[j]!, 0) / n);
  const scales = names.map((_, j) =>
    Math.sqrt(raw.reduce((sum, x) => sum + (x[j]! - means[j]!) ** 2, 0) / n),
  );
  // A feature that never varies says nothing; it is dropped.
  const kept = names.map((_, j) => j).filter((j) => scales[j]! > 1e-9);
  const X = raw.map((x) => kept.map((j) => (x[j]! - means[j]!) / scales[j]!));
  const d = kept.length + 1;
  const base = labels.reduce((sum, y) => sum + y, 0) / n;
  const theta = new Array<number>(d).fill(0);
  theta[d - 1] = Math.log(
    Math.min(Math.max(base, 1e-3), 1 - 1e-3) / (1 - Math.min(Math.max(base, 1e-3), 1 - 1e-3)),
  );
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      const x = [...X[i]!, 1];
      const p = sigmoid(dot(theta, x));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        gradient[a]! += (p - labels[i]!) * x[a]!;
        for (let b = 0; b <= a; b++) hessian[a]![b]! += w * x[a]! * x[b]!;
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) hessian[b]![a] = hessian[a]![b]!;
      if (a < d - 1) {
        gradient[a]! += lambda * theta[a]!;
        hessian[a]![a]! += lambda;
      }
    }
    const step = solve(hessian, gradient);
    let change = 0;
    for (let a = 0; a < d; a++) {
      theta[a]! -= step[a]!;
      change = Math.max(change, Math.abs(step[a]!));
    }
    if (change < 1e-8) break;
  }
  return {
    names: kept.map((j) => names[j]!),
    means: kept.map((j) => means[j]!),
    scales: kept.map((j) => scales[j]!),
    weights: theta.slice(0, d - 1),
    intercept: theta[d - 1]!,
  };
}

/** Each feature's effect on the log-odds (weight × standardised value), by name. */
export function effects(model: LogisticModel, row: ReadonlyMap<string, number>): Map<string, number> {
  return new Map(
    model.names.map((name, j) => [
      name,
      model.weights[j]! * (((row.get(name) ?? 0) - model.means[j]!) / model.scales[j]!),
    ]),
  );
}

/** Probability of the positive class (failure). */
export function predict(model: LogisticModel, row: ReadonlyMap<string, number>): number {
  let z = model.intercept;
  for (const effect of effects(model, row).values()) z += effect;
  return sigmoid(z);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++)
      if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    for (let row = col + 1; row < n; row++) {
      const factor = a[row]![col]! / p;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = a[row]![n]!;
    for (let k = row + 1; k < n; k++) sum -= a[row]![k]! * x[k]!;
    x[row] = sum / a[row]![row]!;
  }
  return x;
}
