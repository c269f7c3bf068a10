import { readPlanned } from '../../../artifacts/local/site.js';
import type { OmnixConfig } from '../../../config/schema.js';
import { ByteBudget } from '../../../core/byte-budget.js';
import { emit, type Report } from '../../../core/events.js';
import { runPool } from '../../../core/pool.js';
import type { AwsClients } from '../../../providers/aws/clients.js';
import { invalidate } from '../../../providers/aws/distribution.js';
import { deleteKeys, uploadFile } from '../../../providers/aws/site-bucket.js';
import type { ReleaseManifest } from '../../../records/index.js';
import { invalidationProgress } from './invalidation-progress.js';
import type { PlannedFrontend } from './planned.js';

/**
 * Assets in parallel, then entry points (so no page is live before what it references), then stale
 * files past their grace period, then the invalidation, waited for.
 */
export async function applyFrontend(
  planned: PlannedFrontend,
  frontend: NonNullable<OmnixConfig['frontend']>,
  clients: AwsClients,
  report: Report,
  changed: (change: string, options?: { batch?: boolean }) => Promise<void>,
): Promise<NonNullable<ReleaseManifest['frontend']>> {
  const s3 = await clients.s3();
  const stored = new Map(
    planned.live.map((object) => [object.key, { versionId: object.versionId, etag: object.etag }]),
  );
  const MiB = 1024 * 1024;
  // Bytes held in memory are bounded, not files: 16 files of 50 MB would otherwise hold 800 MB.
  const budget = new ByteBudget(frontend.uploadBudgetMb * MiB);
  const multipartThresholdBytes = frontend.multipartThresholdMb * MiB;
  const total = planned.plan.uploads.length + planned.plan.entryPoints.length;
  let done = 0;
  const upload = async ({ file }: { file: PlannedFrontend['local'][number] }) => {
    // The bytes that were hashed for the plan, or a refusal: a deployment never uploads what it did not plan.
    const result = await uploadFile(s3, planned.bucket, file, {
      read: () => readPlanned(file),
      budget,
      multipartThresholdBytes,
    });
    stored.set(file.key, { versionId: result.versionId, etag: result.etag });
    const count = ++done;
    await changed(`uploaded ${file.key} (version ${result.versionId})`, { batch: true });
    if (count === total || count % 50 === 0)
      emit(report, 'progress', 'apply', `uploaded ${count}/${total} files`, { data: { done: count, total } });
  };
  await runPool(planned.plan.uploads, frontend.concurrency, upload);
  await runPool(planned.plan.entryPoints, frontend.concurrency, upload);
  if (planned.plan.deletes.length > 0) {
    await deleteKeys(s3, planned.bucket, planned.plan.deletes);
    await changed(`deleted ${planned.plan.deletes.length} stale files: ${planned.plan.deletes.join(', ')}`);
  }
  const paths = planned.plan.invalidation.paths;
  if (paths.length > 0) {
    emit(
      report,
      'progress',
      'apply',
      `invalidating ${paths.length} path(s) on ${planned.distribution.id}: ${paths.join(' ')}`,
    );
    await invalidate(await clients.cloudFront(), planned.distribution.id, paths, {
      wait: frontend.invalidation.wait,
      timeoutMs: frontend.invalidation.timeoutSeconds * 1000,
      onCreated: (id, batch) => changed(`invalidation ${id}: ${batch.join(' ')}`),
      onWaiting: invalidationProgress(report, 'apply'),
      recoveries: clients.recoveries,
    });
  }
  return {
    bucket: planned.bucket,
    objects: planned.local.map((file) => {
      const object = stored.get(file.key)!;
      return {
        key: file.key,
        versionId: object.versionId,
        md5: file.md5,
        ...(object.etag !== file.md5 ? { etag: object.etag } : {}),
      };
    }),
  };
}
