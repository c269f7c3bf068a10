import { describe, expect, it } from 'vitest';
import { findConflicts, functionKey } from './conflicts.js';
import type { Finding } from './types.js';

const finding = (
  file: string,
  line: number,
  kind: Finding['kind'],
  value: string,
  env: string | null,
  role = 'site',
): Finding => ({
  file,
  line,
  kind,
  value,
  template: false,
  role,
  environment: env ? { name: env, reason: 'test' } : null,
  confidence: 'high',
  via: 'test',
  uses: [],
});

describe('findConflicts', () => {
  it('reports one setting with two values in one environment, with every location', () => {
    const conflicts = findConflicts([
      finding('a.sh', 3, 'bucket', 'shop-live', 'production'),
      finding('b.sh', 7, 'bucket', 'shop-production', 'production'),
      finding('c.sh', 1, 'bucket', 'shop-live', 'production'),
      finding('c.sh', 2, 'bucket', 'shop-stg', 'staging'),
    ]);
    expect(conflicts).toEqual([
      {
        kind: 'bucket',
        role: 'site',
        environment: 'production',
        values: [
          {
            value: 'shop-live',
            locations: [
              { file: 'a.sh', line: 3 },
              { file: 'c.sh', line: 1 },
            ],
          },
          { value: 'shop-production', locations: [{ file: 'b.sh', line: 7 }] },
        ],
      },
    ]);
  });

  it('treats different roles, data buckets, ARNs and global-service regions as no conflict', () => {
    expect(
      findConflicts([
        finding('a.sh', 1, 'bucket', 'shop-live', 'production'),
        finding('a.sh', 2, 'bucket', 'shop-artifacts', 'production', 'artifact'),
        finding('a.sh', 3, 'bucket', 'shop-media', 'production', 'data'),
        finding('a.sh', 4, 'arn', 'arn:aws:iam::1:role/a', 'production', 'arn'),
        finding('a.sh', 5, 'arn', 'arn:aws:iam::1:role/b', 'production', 'arn'),
        finding('a.sh', 6, 'region', 'us-east-1', 'production', 'global'),
        finding('a.sh', 7, 'region', 'eu-west-1', 'production', 'region'),
      ]),
    ).toEqual([]);
  });

  it('compares function names without their environment words, and a function ARN with a name', () => {
    expect(functionKey('shop-api-prod')).toBe(functionKey('shop-api-production'));
    const conflicts = findConflicts([
      finding('a.sh', 1, 'function-name', 'shop-api-stg', 'staging', 'function'),
      finding(
        'b.sh',
        1,
        'function-arn',
        'arn:aws:lambda:eu-west-1:481516234200:function:shop-api-staging',
        'staging',
        'function',
      ),
      finding('c.sh', 1, 'function-name', 'shop-worker-stg', 'staging', 'function'),
    ]);
    expect(conflicts.map((conflict) => conflict.values.map((entry) => entry.value))).toEqual([
      ['shop-api-staging', 'shop-api-stg'],
    ]);
  });
});
