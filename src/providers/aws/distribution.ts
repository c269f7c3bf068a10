import { randomUUID } from 'node:crypto';
import {
  type CloudFrontClient,
  CreateInvalidationCommand,
  GetDistributionCommand,
  GetInvalidationCommand,
  paginateListDistributions,
} from '@aws-sdk/client-cloudfront';
import { OmnixError } from '../../core/errors.js';
import { pollUntil } from '../../core/poll.js';
import { fromAwsError } from './errors.js';

export interface DistributionInfo {
  id: string;
  domainName: string;
}

/** The configured distribution, or the one whose origin is the bucket. */
export async function findDistribution(
  cf: CloudFrontClient,
  id: string | undefined,
  bucket: string,
): Promise<DistributionInfo> {
  try {
    if (id) {
      const got = await cf.send(new GetDistributionCommand({ Id: id }));
      return { id, domainName: got.Distribution?.DomainName ?? '' };
    }
    for await (const page of paginateListDistributions({ client: cf }, {})) {
      const match = page.DistributionList?.Items?.find((d) =>
        d.Origins?.Items?.some(
          (o) => o.DomainName?.startsWith(`${bucket}.s3.`) || o.DomainName?.startsWith(`${bucket}.s3-`),
        ),
      );
      if (match?.Id) return { id: match.Id, domainName: match.DomainName ?? '' };
    }
  } catch (error) {
    throw fromAwsError(error, id ? `reading distribution ${id}` : 'listing distributions');
  }
  throw new OmnixError(
    'DistributionNotFound',
    `no CloudFront distribution has the bucket ${bucket} as its origin`,
    {
      hint: 'Set frontend.distributionId, or create the distribution.',
    },
  );
}

/**
 * Invalidates paths and waits until CloudFront reports Completed. While too many invalidations are in
 * progress it waits and tries again, with backoff, instead of failing the deployment. `onCreated` hears
 * the invalidation's id before the wait, so it can be recorded even if the process dies waiting.
 */
export async function invalidate(
  cf: CloudFrontClient,
  distributionId: string,
  paths: readonly string[],
  { wait = true, onCreated }: { wait?: boolean; onCreated?: (id: string) => Promise<void> } = {},
): Promise<string> {
  const reference = `omnix-${randomUUID()}`;
  const id = await pollUntil(
    `room for an invalidation on ${distributionId}`,
    async () => {
      try {
        const created = await cf.send(
          new CreateInvalidationCommand({
            DistributionId: distributionId,
            InvalidationBatch: {
              CallerReference: reference,
              Paths: { Quantity: paths.length, Items: [...paths] },
            },
          }),
        );
        return created.Invalidation?.Id;
      } catch (error) {
        if ((error as { name?: string }).name === 'TooManyInvalidationsInProgress') return undefined;
        throw fromAwsError(error, `invalidating ${paths.length} paths on ${distributionId}`);
      }
    },
    { maxDelayMs: 20_000, timeoutMs: 900_000 },
  );
  if (!id)
    throw new OmnixError(
      'InvalidationFailed',
      `CloudFront returned no invalidation id for ${distributionId}`,
    );
  await onCreated?.(id);
  if (wait) {
    await pollUntil(
      `invalidation ${id}`,
      async () => {
        const got = await cf
          .send(new GetInvalidationCommand({ DistributionId: distributionId, Id: id }))
          .catch((error: unknown) => {
            throw fromAwsError(error, `reading invalidation ${id} of ${distributionId}`);
          });
        return got.Invalidation?.Status === 'Completed' ? true : undefined;
      },
      { maxDelayMs: 20_000, timeoutMs: 1_800_000 },
    );
  }
  return id;
}
