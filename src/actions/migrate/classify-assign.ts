import { type Classified, record } from './candidates.js';
import { classifyText } from './classify-text.js';
import { hasReference, isRegion, kindFromName } from './patterns.js';
import type { Fact } from './types.js';

type Assign = Extract<Fact, { type: 'assign' }>;

const SHAPED =
  /s3:\/\/|arn:aws|\.execute-api\.|\.s3-website|\.s3[.-][a-z0-9-]{0,30}\.?amazonaws\.com|\.s3\.amazonaws\.com/;

/**
 * Deployment values in an assignment: by the value's shape (`s3://…`, an ARN), else by what the
 * name says (`S3_BUCKET`, `Bucket:`, `region`), else a bare region name.
 */
export function classifyAssign(fact: Assign, out: Classified): void {
  const env = fact.env ? { env: fact.env } : {};
  if (SHAPED.test(fact.value)) {
    const before = out.candidates.length;
    classifyText(fact.value, fact.line, fact.env, out);
    for (const candidate of out.candidates.slice(before)) candidate.variable = fact.name;
    return;
  }
  const hint = kindFromName(fact.name, fact.key === true);
  const confidence = fact.key ? 'high' : 'medium';
  const via = fact.key ? `${fact.name}: key` : `variable ${fact.name}`;
  if (hint) {
    record(out, {
      ...env,
      kind: hint.kind,
      role: hint.role,
      value: fact.value,
      line: fact.line,
      via,
      confidence,
      variable: fact.name,
    });
    return;
  }
  if (!hasReference(fact.value) && isRegion(fact.value)) {
    record(out, {
      ...env,
      kind: 'region',
      role: 'region',
      value: fact.value,
      line: fact.line,
      via,
      confidence: 'medium',
      variable: fact.name,
    });
  }
}
