/** One way to make a service misbehave, for tests of retries, rollback and recovery. */
export interface FaultRule {
  /** `s3`, `lambda`, … */
  service: string;
  /** Operation name as in the API reference (`PutObject`); unset matches every operation. */
  operation?: string;
  /** Share of matching requests affected, 0–1. @default 1 */
  rate?: number;
  /** Answer with this error instead of performing the operation. */
  error?: { code: string; status: number; message?: string };
  /** Answer with the service's throttling error. */
  throttle?: boolean;
  /** Delay before answering, in milliseconds. */
  latencyMs?: number;
  /** Stop matching after this many hits. */
  times?: number;
}

export interface FaultConfig {
  seed?: number;
  rules: FaultRule[];
}

export type FaultDecision = { latencyMs: number; error?: { code: string; status: number; message: string } };

const THROTTLING: Record<string, { code: string; status: number }> = {
  s3: { code: 'SlowDown', status: 503 },
  lambda: { code: 'TooManyRequestsException', status: 429 },
  apigateway: { code: 'TooManyRequestsException', status: 429 },
  cloudfront: { code: 'Throttling', status: 400 },
  logs: { code: 'ThrottlingException', status: 400 },
};

/**
 * Checks fault rules sent by a client (`PUT /_omnix/faults`, a `--faults` file); throws an Error
 * naming the first problem.
 */
export function parseFaultConfig(value: unknown): FaultConfig {
  const fail = (what: string): never => {
    throw new Error(`invalid fault configuration: ${what}`);
  };
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) return fail('expected an object with "rules"');
  if (value.seed !== undefined && !Number.isFinite(value.seed)) fail('"seed" must be a number');
  if (!Array.isArray(value.rules)) return fail('"rules" must be a list');
  for (const [i, rule] of (value.rules as unknown[]).entries()) {
    const at = `rules[${i}]`;
    if (!isObject(rule)) return fail(`${at} must be an object`);
    if (typeof rule.service !== 'string') fail(`${at}.service must be a service name`);
    if (rule.operation !== undefined && typeof rule.operation !== 'string')
      fail(`${at}.operation must be an operation name`);
    const number = (key: string, min: number, max: number) => {
      const v = rule[key];
      if (v !== undefined && (typeof v !== 'number' || !(v >= min && v <= max)))
        fail(`${at}.${key} must be a number from ${min} to ${max}`);
    };
    number('rate', 0, 1);
    number('latencyMs', 0, 600_000);
    number('times', 0, Number.MAX_SAFE_INTEGER);
    if (rule.throttle !== undefined && typeof rule.throttle !== 'boolean')
      fail(`${at}.throttle must be true or false`);
    if (rule.error !== undefined) {
      const error = rule.error;
      if (
        !isObject(error) ||
        typeof error.code !== 'string' ||
        !Number.isInteger(error.status) ||
        (error.status as number) < 400 ||
        (error.status as number) > 599 ||
        (error.message !== undefined && typeof error.message !== 'string')
      )
        fail(`${at}.error must be { "code": string, "status": 400–599, "message"?: string }`);
    }
  }
  return value as unknown as FaultConfig;
}

/** Seeded, so the same configuration fails the same requests every run. */
export class FaultInjector {
  private rules: Array<FaultRule & { hits: number }> = [];
  private random: () => number = mulberry32(1);

  constructor(config: FaultConfig = { rules: [] }) {
    this.configure(config);
  }

  configure(config: FaultConfig): void {
    this.rules = config.rules.map((rule) => ({ ...rule, hits: 0 }));
    this.random = mulberry32(config.seed ?? 1);
  }

  describe(): FaultConfig {
    return { rules: this.rules.map(({ hits: _hits, ...rule }) => rule) };
  }

  decide(service: string, operation: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (rule.service !== service || (rule.operation && rule.operation !== operation)) continue;
      if (rule.times !== undefined && rule.hits >= rule.times) continue;
      if (this.random() >= (rule.rate ?? 1)) continue;
      rule.hits++;
      decision.latencyMs += rule.latencyMs ?? 0;
      if (!decision.error && rule.throttle) {
        const throttling = THROTTLING[service] ?? { code: 'Throttling', status: 400 };
        decision.error = { ...throttling, message: 'Rate exceeded' };
      }
      if (!decision.error && rule.error) {
        decision.error = {
          ...rule.error,
          message: rule.error.message ?? `injected fault: ${rule.error.code}`,
        };
      }
    }
    return decision;
  }
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
