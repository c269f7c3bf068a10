import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Moto, motoUnavailable, startMoto } from '../../../test/helpers/moto.js';
import { findDistribution, invalidate, isCompleted } from './distribution.js';

describe('invalidation status', () => {
  it('is completed in any case: AWS says Completed, moto COMPLETED', () => {
    expect(isCompleted('Completed')).toBe(true);
    expect(isCompleted('COMPLETED')).toBe(true);
    expect(isCompleted('InProgress')).toBe(false);
    expect(isCompleted(undefined)).toBe(false);
  });
});

const unavailable = motoUnavailable();
if (unavailable) console.warn(`skipping the CloudFront tests against moto: ${unavailable}`);

describe.skipIf(unavailable)('CloudFront against moto', () => {
  let moto: Moto;
  let cf: CloudFrontClient;
  let distributionId: string;
  beforeAll(async () => {
    moto = await startMoto();
    cf = new CloudFrontClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const created = await cf.send(
      new CreateDistributionCommand({
        DistributionConfig: {
          CallerReference: 'omnix-test',
          Comment: '',
          Enabled: true,
          Origins: {
            Quantity: 1,
            Items: [
              {
                Id: 'site',
                DomainName: 'site.s3.us-east-1.amazonaws.com',
                S3OriginConfig: { OriginAccessIdentity: '' },
              },
            ],
          },
          DefaultCacheBehavior: {
            TargetOriginId: 'site',
            ViewerProtocolPolicy: 'allow-all',
            ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } },
            MinTTL: 0,
            TrustedSigners: { Enabled: false, Quantity: 0 },
          },
        },
      }),
    );
    distributionId = created.Distribution!.Id!;
  }, 90_000);
  afterAll(async () => {
    cf?.destroy();
    await moto?.stop();
  });

  it('finds the distribution by its origin although the listing leaves origins out', async () => {
    const found = await findDistribution(cf, undefined, 'site');
    expect(found.id).toBe(distributionId);
  });

  it('waits for an invalidation moto reports COMPLETED, reporting the status', async () => {
    const seen: string[] = [];
    const id = await invalidate(cf, distributionId, ['/*'], {
      timeoutMs: 60_000,
      onWaiting: ({ status }) => seen.push(status),
    });
    expect(id).toBeTruthy();
    expect(seen).toEqual(['COMPLETED']);
  });
});
