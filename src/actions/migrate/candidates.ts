import type { Confidence, EnvironmentGuess, FindingKind } from './types.js';

/** A value recognised in one place, before variables are followed and duplicates merged. */
export interface Candidate {
  kind: FindingKind;
  role: string;
  /** As written, references normalized to `${NAME}`. */
  value: string;
  line: number;
  via: string;
  confidence: Confidence;
  env?: EnvironmentGuess;
  /** Set when the value is a variable's assigned value. */
  variable?: string;
}

/** A variable used where a deployment value goes (`s3://$BUCKET`): the value is where it is assigned. */
export interface Use {
  variable: string;
  /** A default written at the use (`${BUCKET:-shop-web}`). */
  fallback?: string;
  kind: FindingKind;
  role: string;
  line: number;
  via: string;
  env?: EnvironmentGuess;
}

export interface Classified {
  candidates: Candidate[];
  uses: Use[];
}

const ONLY_REFERENCE = /^\$\{([^}]{1,120}?)(?::-([^}]{0,200}))?\}$/;

/** Records `value` as a candidate, or as a use of a variable when it is only a reference. */
export function record(out: Classified, item: Candidate): void {
  const reference = ONLY_REFERENCE.exec(item.value);
  if (reference) {
    const { value: _value, confidence: _confidence, variable: _variable, ...rest } = item;
    out.uses.push({ ...rest, variable: reference[1]!, ...(reference[2] ? { fallback: reference[2] } : {}) });
    return;
  }
  out.candidates.push(item);
}
