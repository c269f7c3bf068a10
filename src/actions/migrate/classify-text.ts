import { type Classified, record } from './candidates.js';
import { ARN, ECR_HOST, EXECUTE_API_URL, S3_HOST, S3_URI, WEBSITE_ENDPOINT } from './patterns.js';
import type { EnvironmentGuess } from './types.js';

const ARTIFACT_KEY = /\.(zip|jar|tgz|tar\.gz|ya?ml|template|json)$/i;

/** Cuts a `${...}` reference or a value at the end of the pattern's reach. */
function trimValue(value: string): string {
  return value.replace(/[.:/-]+$/, '');
}

/**
 * Values recognisable by their shape wherever they are written: `s3://` URIs, ARNs, execute-api
 * URLs and S3 website endpoints.
 */
export function classifyText(
  text: string,
  line: number,
  env: EnvironmentGuess | undefined,
  out: Classified,
  siteRole = 'site',
): void {
  const capped = text.slice(0, 8192);
  const base = { line, ...(env ? { env } : {}) };
  for (const match of capped.matchAll(S3_URI)) {
    const bucket = trimValue(match[1]!);
    const rest = capped.slice(match.index! + match[0].length, match.index! + match[0].length + 300);
    const key = /^[^\s'"`]{0,300}/.exec(rest)![0];
    const role = ARTIFACT_KEY.test(key) ? 'artifact' : siteRole;
    if (
      bucket.includes('${') &&
      !bucket.startsWith('${') &&
      !/^[a-z0-9.-]*\$\{[^}]+\}[a-z0-9.${}-]*$/i.test(bucket)
    )
      continue;
    record(out, { ...base, kind: 'bucket', role, value: bucket, via: 's3:// URI', confidence: 'high' });
  }
  for (const match of capped.matchAll(ARN)) {
    const arn = trimValue(match[0]);
    const lambda = /^(arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:[A-Za-z0-9_${}-]{1,140})/.exec(arn);
    if (lambda)
      record(out, {
        ...base,
        kind: 'function-arn',
        role: 'function',
        value: lambda[1]!,
        via: 'ARN',
        confidence: 'high',
      });
    else record(out, { ...base, kind: 'arn', role: 'arn', value: arn, via: 'ARN', confidence: 'high' });
  }
  for (const match of capped.matchAll(EXECUTE_API_URL)) {
    record(out, {
      ...base,
      kind: 'api-url',
      role: 'api',
      value: match[0].replace(/\/+$/, ''),
      via: 'execute-api URL',
      confidence: 'high',
    });
  }
  for (const match of capped.matchAll(WEBSITE_ENDPOINT)) {
    record(out, {
      ...base,
      kind: 'bucket',
      role: 'site',
      value: match[1]!,
      via: 'S3 website endpoint',
      confidence: 'high',
    });
  }
  for (const match of capped.matchAll(ECR_HOST))
    record(out, {
      ...base,
      kind: 'account-id',
      role: 'account',
      value: match[1]!,
      via: 'ECR registry',
      confidence: 'high',
    });
  for (const match of capped.matchAll(S3_HOST)) {
    if (match[0].includes('s3-website')) continue;
    record(out, {
      ...base,
      kind: 'bucket',
      role: siteRole,
      value: match[1]!,
      via: 'S3 endpoint',
      confidence: 'high',
    });
  }
}
