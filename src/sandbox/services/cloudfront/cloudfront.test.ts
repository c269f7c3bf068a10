import {
  CloudFrontClient,
  CreateDistributionCommand,
  CreateInvalidationCommand,
  type DistributionConfig,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  GetInvalidationCommand,
  ListDistributionsCommand,
  ListInvalidationsCommand,
  waitUntilInvalidationCompleted,
} from '@aws-sdk/client-cloudfront';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../test/helpers/sandbox.js';

function distributionConfig(bucket: string, reference: string): DistributionConfig {
  return {
    CallerReference: reference,
    Comment: `site ${bucket}`,
    Enabled: true,
    DefaultRootObject: 'index.html',
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: 's3-origin',
          DomainName: `${bucket}.s3.us-east-1.amazonaws.com`,
          S3OriginConfig: { OriginAccessIdentity: '' },
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: 's3-origin',
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    },
  };
}

async function site(options: Parameters<typeof sandbox>[0] = {}) {
  const running = await sandbox(options);
  const s3 = new S3Client({ ...running.client, forcePathStyle: true });
  const cloudFront = new CloudFrontClient(running.client);
  await s3.send(new CreateBucketCommand({ Bucket: 'shop-web' }));
  const created = await cloudFront.send(
    new CreateDistributionCommand({ DistributionConfig: distributionConfig('shop-web', 'ref-1') }),
  );
  const id = created.Distribution!.Id!;
  const url = (path: string) => `${running.endpoint}/_omnix/cloudfront/${id}${path}`;
  return { running, s3, cloudFront, id, created, url };
}

describe('sandbox CloudFront API', () => {
  it('creates a distribution and gives back its configuration', async () => {
    const { cloudFront, id, created } = await site();
    expect(created.Distribution).toMatchObject({
      Id: expect.stringMatching(/^E[A-Z0-9]{13}$/),
      Status: 'Deployed',
      DomainName: `${id.toLowerCase()}.cloudfront.net`,
    });
    expect(created.ETag).toBeTruthy();
    const got = await cloudFront.send(new GetDistributionCommand({ Id: id }));
    expect(got.Distribution?.DistributionConfig?.Origins?.Items?.[0]?.DomainName).toBe(
      'shop-web.s3.us-east-1.amazonaws.com',
    );
    const config = await cloudFront.send(new GetDistributionConfigCommand({ Id: id }));
    expect(config.DistributionConfig).toMatchObject({
      DefaultRootObject: 'index.html',
      Enabled: true,
      Comment: 'site shop-web',
    });
    await expect(cloudFront.send(new GetDistributionCommand({ Id: 'EMISSING' }))).rejects.toMatchObject({
      name: 'NoSuchDistribution',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('pages through distributions', async () => {
    const { cloudFront } = await site({ pageSize: 2 });
    for (const ref of ['ref-2', 'ref-3'])
      await cloudFront.send(
        new CreateDistributionCommand({ DistributionConfig: distributionConfig('shop-web', ref) }),
      );
    const first = await cloudFront.send(new ListDistributionsCommand({}));
    expect(first.DistributionList).toMatchObject({ Quantity: 2, IsTruncated: true });
    const second = await cloudFront.send(
      new ListDistributionsCommand({ Marker: first.DistributionList?.NextMarker }),
    );
    expect(second.DistributionList).toMatchObject({ Quantity: 1, IsTruncated: false });
    expect(second.DistributionList?.Items?.[0]?.Comment).toBe('site shop-web');
  });

  it('keeps invalidations InProgress for a while, then Completed, and lists them', async () => {
    const { cloudFront, id } = await site({ invalidationMs: 300 });
    const created = await cloudFront.send(
      new CreateInvalidationCommand({
        DistributionId: id,
        InvalidationBatch: {
          CallerReference: 'inv-1',
          Paths: { Quantity: 2, Items: ['/index.html', '/assets/*'] },
        },
      }),
    );
    expect(created.Invalidation).toMatchObject({
      Status: 'InProgress',
      InvalidationBatch: { Paths: { Quantity: 2, Items: ['/index.html', '/assets/*'] } },
    });
    const waited = await waitUntilInvalidationCompleted(
      { client: cloudFront, maxWaitTime: 10, minDelay: 1 },
      { DistributionId: id, Id: created.Invalidation!.Id! },
    );
    expect(waited.state).toBe('SUCCESS');
    const got = await cloudFront.send(
      new GetInvalidationCommand({ DistributionId: id, Id: created.Invalidation!.Id! }),
    );
    expect(got.Invalidation?.Status).toBe('Completed');
    const listed = await cloudFront.send(new ListInvalidationsCommand({ DistributionId: id }));
    expect(listed.InvalidationList?.Items?.map((i) => i.Id)).toEqual([created.Invalidation!.Id]);
    await expect(
      cloudFront.send(new GetInvalidationCommand({ DistributionId: id, Id: 'INOPE' })),
    ).rejects.toMatchObject({ name: 'NoSuchInvalidation' });
  });

  it('enforces the invalidation limits AWS documents', async () => {
    const { cloudFront, id } = await site({ invalidationMs: 60_000 });
    const batch = (reference: string, paths: string[]) =>
      new CreateInvalidationCommand({
        DistributionId: id,
        InvalidationBatch: { CallerReference: reference, Paths: { Quantity: paths.length, Items: paths } },
      });
    await expect(cloudFront.send(batch('bad', ['index.html']))).rejects.toMatchObject({
      name: 'InvalidArgument',
    });
    await cloudFront.send(
      batch(
        'w1',
        Array.from({ length: 15 }, (_, i) => `/dir${i}/*`),
      ),
    );
    await expect(cloudFront.send(batch('w2', ['/more/*']))).rejects.toMatchObject({
      name: 'TooManyInvalidationsInProgress',
    });
    await cloudFront.send(
      batch(
        'f1',
        Array.from({ length: 3000 }, (_, i) => `/file${i}.html`),
      ),
    );
    await expect(cloudFront.send(batch('f2', ['/one-more.html']))).rejects.toMatchObject({
      name: 'TooManyInvalidationsInProgress',
    });
  });
});

describe('sandbox CloudFront serving', () => {
  it('serves the default root object with its Content-Type and Cache-Control', async () => {
    const { s3, url } = await site();
    await s3.send(
      new PutObjectCommand({
        Bucket: 'shop-web',
        Key: 'index.html',
        Body: '<h1>v1</h1>',
        ContentType: 'text/html',
        CacheControl: 'no-cache',
      }),
    );
    const response = await fetch(url('/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('<h1>v1</h1>');
    expect((await fetch(url('/missing.js'))).status).toBe(404);
  });

  it('keeps serving the old object until an invalidation covering it completes', async () => {
    const { s3, cloudFront, id, url } = await site({ invalidationMs: 100 });
    const put = (key: string, body: string) =>
      s3.send(new PutObjectCommand({ Bucket: 'shop-web', Key: key, Body: body, ContentType: 'text/plain' }));
    await put('index.html', 'old page');
    await put('assets/app.js', 'old script');
    await put('about.html', 'old about');
    for (const path of ['/', '/index.html', '/assets/app.js', '/about.html']) await fetch(url(path));

    await put('index.html', 'new page');
    await put('assets/app.js', 'new script');
    await put('about.html', 'new about');
    const stale = await fetch(url('/index.html'));
    expect(stale.headers.get('x-cache')).toBe('Hit from cloudfront');
    expect(await stale.text()).toBe('old page');

    const invalidation = await cloudFront.send(
      new CreateInvalidationCommand({
        DistributionId: id,
        InvalidationBatch: {
          CallerReference: 'deploy-2',
          Paths: { Quantity: 3, Items: ['/', '/index.html', '/assets/*'] },
        },
      }),
    );
    await waitUntilInvalidationCompleted(
      { client: cloudFront, maxWaitTime: 10, minDelay: 1 },
      { DistributionId: id, Id: invalidation.Invalidation!.Id! },
    );

    expect(await (await fetch(url('/index.html'))).text()).toBe('new page');
    expect(await (await fetch(url('/'))).text()).toBe('new page');
    expect(await (await fetch(url('/assets/app.js'))).text()).toBe('new script');
    expect(await (await fetch(url('/about.html'))).text()).toBe('old about');
  });
});
