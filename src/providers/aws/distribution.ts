import { randomUUID } from 'node:crypto';
import {
  type CloudFrontClient,
  CreateInvalidationCommand,
  type DistributionSummary,
  GetDistributionCommand,
  GetInvalidationCommand,
  type Origin,
  paginateListDistributions,
} from '@aws-sdk/client-cloudfront';
import { OmnixError } from '../../core/errors.js';
import { pollUntil } from '../../core/poll.js';
import { fromAwsError } from './errors.js';
import { type Recoveries, recovering } from './recoveries.js';

export interface DistributionInfo {
  id: string;
  domainName: string;
}

const servesBucket = (bucket: string) => (origin: Origin) =>
  Boolean(origin.DomainName?.startsWith(`${bucket}.s3.`) || origin.DomainName?.startsWith(`${bucket}.s3-`));

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
      for (const summary of page.DistributionList?.Items ?? []) {
        const origins = await originsOf(cf, summary);
        if (summary.Id && origins.some(servesBucket(bucket)))
          return { id: summary.Id, domainName: summary.DomainName ?? '' };
      }
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

/** A summary's origins; some emulators (moto) leave them out of the listing, so then the distribution's own. */
async function originsOf(cf: CloudFrontClient, summary: DistributionSummary): Promise<Origin[]> {
  const listed = summary.Origins?.Items;
  if (listed?.length || !summary.Id) return listed ?? [];
  const got = await cf.send(new GetDistributionCommand({ Id: summary.Id }));
  return got.Distribution?.DistributionConfig?.Origins?.Items ?? [];
}

/** AWS documents `Completed`; emulators differ in case (moto: `COMPLETED`). */
export const isCompleted = (status: string | undefined): boolean => status?.toLowerCase() === 'completed';

export interface InvalidateOptions {
  /** false: create it and return without waiting. */
  wait?: boolean;
  /** How long to wait for it to complete before failing (default 15 min). */
  timeoutMs?: number;
  /**
   * Hears the invalidation's id and paths (merged into `/*` by a recovery) before the wait, so it can be
   * recorded even if the process dies waiting.
   */
  onCreated?: (id: string, paths: readonly string[]) => Promise<void>;
  /** Hears the status while waiting: when it changes, and every 15 s meanwhile. */
  onWaiting?: (progress: { id: string; status: string; elapsedMs: number }) => void;
  /** The agent's recovery from TooManyInvalidationsInProgress; without it, omnix only waits for room. */
  recoveries?: Recoveries | undefined;
}

const WILDCARD = ['/*'];
/** How long a recovery waits for room for its invalidation. */
const ROOM_WAIT_MS = 600_000;

/** Between progress reports while the status stays the same. */
const PROGRESS_EVERY_MS = 15_000;

/**
 * Invalidates paths and waits until CloudFront reports Completed. While too many invalidations are in
 * progress: with the agent, the paths are merged into `/*` (CloudFront counts wildcard paths apart from
 * file paths, 15 against 3,000) and it waits, bounded, for room; without it, it waits for room.
 */
export async function invalidate(
  cf: CloudFrontClient,
  distributionId: string,
  paths: readonly string[],
  { wait = true, timeoutMs = 900_000, onCreated, onWaiting, recoveries }: InvalidateOptions = {},
): Promise<string> {
  const create = async (batch: readonly string[], reference: string) => {
    const created = await cf.send(
      new CreateInvalidationCommand({
        DistributionId: distributionId,
        InvalidationBatch: {
          CallerReference: reference,
          Paths: { Quantity: batch.length, Items: [...batch] },
        },
      }),
    );
    if (!created.Invalidation?.Id)
      throw new OmnixError(
        'InvalidationFailed',
        `CloudFront returned no invalidation id for ${distributionId}`,
      );
    return { id: created.Invalidation.Id, batch };
  };
  // One CallerReference per batch, for every attempt: CloudFront answers a repeat with the same invalidation.
  const roomFor = (batch: readonly string[], limitMs: number) => {
    const reference = `omnix-${randomUUID()}`;
    return pollUntil(
      `room for an invalidation on ${distributionId}`,
      () =>
        create(batch, reference).catch((error: unknown) => {
          if ((error as { name?: string }).name === 'TooManyInvalidationsInProgress') return undefined;
          throw error;
        }),
      { maxDelayMs: 20_000, timeoutMs: limitMs },
    );
  };
  let created: { id: string; batch: readonly string[] };
  try {
    created = await (recoveries
      ? recovering(recoveries, 'CreateInvalidation', () => create(paths, `omnix-${randomUUID()}`), [
          {
            failure: 'too-many-invalidations',
            recover: async () => {
              const started = Date.now();
              const merge = paths.length > 1 && !paths.includes('/*');
              const value = await roomFor(merge ? WILDCARD : paths, Math.min(timeoutMs, ROOM_WAIT_MS));
              const waited = ((Date.now() - started) / 1000).toFixed(1);
              return {
                value,
                action: `${merge ? `merged ${paths.length} paths into /* and ` : ''}waited ${waited} s for room for the invalidation`,
              };
            },
          },
        ])
      : roomFor(paths, 900_000));
  } catch (error) {
    throw fromAwsError(error, `invalidating ${paths.length} paths on ${distributionId}`);
  }
  await onCreated?.(created.id, created.batch);
  if (wait) await waitForInvalidation(cf, distributionId, created.id, timeoutMs, onWaiting);
  return created.id;
}

async function waitForInvalidation(
  cf: CloudFrontClient,
  distributionId: string,
  id: string,
  timeoutMs: number,
  onWaiting: InvalidateOptions['onWaiting'],
): Promise<void> {
  const startedAt = Date.now();
  let reported: { status: string; at: number } | undefined;
  try {
    await pollUntil(
      `invalidation ${id} of ${distributionId} to complete`,
      async () => {
        const got = await cf
          .send(new GetInvalidationCommand({ DistributionId: distributionId, Id: id }))
          .catch((error: unknown) => {
            throw fromAwsError(error, `reading invalidation ${id} of ${distributionId}`);
          });
        const status = got.Invalidation?.Status ?? 'unknown';
        const now = Date.now();
        if (!reported || reported.status !== status || now - reported.at >= PROGRESS_EVERY_MS) {
          reported = { status, at: now };
          onWaiting?.({ id, status, elapsedMs: now - startedAt });
        }
        return isCompleted(status) ? true : undefined;
      },
      { maxDelayMs: 20_000, timeoutMs },
    );
  } catch (error) {
    if (error instanceof OmnixError && error.code === 'Timeout')
      throw new OmnixError('InvalidationTimeout', `${error.message} (last status: ${reported?.status})`, {
        hint: 'Raise frontend.invalidation.timeoutSeconds, or set frontend.invalidation.wait: false.',
        cause: error,
      });
    throw error;
  }
}
