import type { Candidate, Use } from './candidates.js';
import type { EnvironmentGuess, Fact } from './types.js';

type Assign = Extract<Fact, { type: 'assign' }>;

/** A candidate found through a variable, with the lines where that variable was used. */
export interface Resolved extends Candidate {
  usedAt: number[];
}

const REFERENCE = /\$\{([^}]{1,120}?)(?::-([^}]{0,200}))?\}/g;
const ONLY_REFERENCE = /^\$\{([^}]{1,120}?)(?::-([^}]{0,200}))?\}$/;
const MAX_VALUES = 8;
const MAX_DEPTH = 6;

/** The variables of one file: every assignment by name. */
export class Scope {
  private readonly byName = new Map<string, Assign[]>();

  constructor(facts: readonly Fact[]) {
    for (const fact of facts) {
      if (fact.type !== 'assign') continue;
      const list = this.byName.get(fact.name) ?? [];
      list.push(fact);
      this.byName.set(fact.name, list);
    }
  }

  /** Assignments of `name` that apply in `env`: that environment's, else those under no environment. */
  assignments(name: string, env: EnvironmentGuess | undefined): Assign[] {
    const all =
      this.byName.get(name) ??
      this.byName.get(name.replace(/^(env\.|process\.env\.)/, '')) ??
      this.byName.get(name.replace(/^.*\./, '')) ??
      [];
    if (!env) return all;
    const same = all.filter((fact) => fact.env?.name === env.name);
    return same.length > 0 ? same : all.filter((fact) => !fact.env);
  }

  /**
   * Every value `value` can take: each `${NAME}` replaced by what the file assigns to NAME in that
   * environment (several where branches assign several), its default, or kept as a template.
   */
  expand(
    value: string,
    env: EnvironmentGuess | undefined,
    depth = 0,
  ): Array<{ value: string; env?: EnvironmentGuess }> {
    let results: Array<{ value: string; env?: EnvironmentGuess }> = [{ value: '', ...(env ? { env } : {}) }];
    let last = 0;
    for (const match of value.matchAll(REFERENCE)) {
      const literal = value.slice(last, match.index);
      last = match.index! + match[0].length;
      const next: typeof results = [];
      for (const result of results) {
        const options = depth >= MAX_DEPTH ? [] : this.options(match[1]!, match[2], result.env, depth);
        if (options.length === 0)
          next.push({ ...result, value: result.value + literal + match[0].replace(/:-[^}]*\}$/, '}') });
        for (const option of options)
          next.push({
            value: result.value + literal + option.value,
            ...((option.env ?? result.env) ? { env: option.env ?? result.env } : {}),
          });
      }
      results = next.slice(0, MAX_VALUES);
    }
    return results.map((result) => ({ ...result, value: result.value + value.slice(last) }));
  }

  private options(
    name: string,
    fallback: string | undefined,
    env: EnvironmentGuess | undefined,
    depth: number,
  ) {
    const assigns = this.assignments(name, env);
    if (assigns.length === 0) return fallback !== undefined ? [{ value: fallback, env }] : [];
    return assigns.flatMap((fact) => this.expand(fact.value, fact.env ?? env, depth + 1));
  }

  /** The candidates a use stands for: the value at each assignment of its variable (or its default). */
  resolveUse(use: Use, depth = 0): Resolved[] {
    const assigns = this.assignments(use.variable, use.env);
    const { variable: _variable, fallback, env: _env, ...base } = use;
    if (assigns.length === 0 || depth >= MAX_DEPTH) {
      return fallback !== undefined
        ? [
            {
              ...base,
              ...(use.env ? { env: use.env } : {}),
              value: fallback,
              confidence: 'medium',
              usedAt: [],
            },
          ]
        : [];
    }
    return assigns.flatMap((fact): Resolved[] => {
      // The value belongs where it is assigned: a use inside a branch does not move it there.
      const env = fact.env;
      const only = ONLY_REFERENCE.exec(fact.value);
      if (only) {
        const chained: Use = { ...use, variable: only[1]!, line: fact.line, ...(env ? { env } : {}) };
        if (only[2] !== undefined) chained.fallback = only[2];
        else delete chained.fallback;
        return this.resolveUse(chained, depth + 1).map((found) => ({
          ...found,
          usedAt: [...found.usedAt, use.line],
        }));
      }
      return this.expand(fact.value, env).map((expanded) => ({
        ...base,
        ...(expanded.env ? { env: expanded.env } : {}),
        value: expanded.value,
        line: fact.line,
        variable: fact.name,
        via: `${use.via} via $${fact.name}`,
        confidence: 'high',
        usedAt: [use.line],
      }));
    });
  }
}
