import type { OmnixConfig } from '../../../config/schema.js';
import { emit } from '../../../core/events.js';
import { runPool } from '../../../core/pool.js';
import {
  pointAlias,
  publishVersion,
  updateCode,
  updateConfiguration,
} from '../../../providers/aws/functions.js';
import type { ReleaseManifest } from '../../../records/index.js';
import type { ApplyContext } from '../component.js';
import { applyApi } from './apply-api.js';
import type { PlannedBackend } from './planned.js';

/**
 * Functions first (code → wait → configuration → wait → publish → alias), in parallel up to
 * `backend.concurrency`; then the API (routes, permissions, stage). Every change is told to `changed` as soon as it is made.
 */
export async function applyBackend(
  planned: PlannedBackend,
  backend: NonNullable<OmnixConfig['backend']>,
  { clients, report, changed, canary }: Pick<ApplyContext, 'clients' | 'report' | 'changed' | 'canary'>,
): Promise<NonNullable<ReleaseManifest['backend']>> {
  const lambda = await clients.lambda();
  const s3 = await clients.s3();
  const versions = new Map<string, { version: string; codeSha256: string; alias: string }>();
  await runPool(planned.plan.functions, backend.concurrency, async (fn) => {
    const { desired, pkg } = planned.packages.get(fn.name)!;
    const live = planned.live.get(fn.name)!;
    if (fn.action === 'update-code' || fn.action === 'update-code-and-configuration') {
      emit(
        report,
        'progress',
        'apply',
        `${fn.name}: uploading code (${(pkg.zip.length / 1024).toFixed(0)} KiB)`,
      );
      await updateCode(
        lambda,
        s3,
        fn.name,
        pkg.zip,
        pkg.codeSha256,
        backend.artifactBucket,
        clients.recoveries,
      );
      await changed(`function ${fn.name}: code updated to ${pkg.codeSha256}`);
    }
    if (fn.action === 'update-configuration' || fn.action === 'update-code-and-configuration') {
      emit(report, 'progress', 'apply', `${fn.name}: updating ${fn.changedFields.join(', ')}`);
      await updateConfiguration(lambda, desired, clients.recoveries);
      await changed(`function ${fn.name}: configuration updated (${fn.changedFields.join(', ')})`);
    }
    if (fn.release) {
      const version = await publishVersion(lambda, fn.name, pkg.codeSha256, clients.recoveries);
      const from = live.alias?.version;
      // Lambda routes alias traffic between published versions only.
      if (canary && from && /^\d+$/.test(from) && from !== version && canary.firstWeight < 100) {
        await pointAlias(
          lambda,
          fn.name,
          desired.alias,
          from,
          { [version]: canary.firstWeight / 100 },
          clients.recoveries,
        );
        await changed(
          `function ${fn.name}: version ${version} published, alias ${desired.alias} → ${from} with ${canary.firstWeight}% on ${version} (canary)`,
        );
        emit(
          report,
          'progress',
          'apply',
          `${fn.name}: ${canary.firstWeight}% of ${desired.alias} on version ${version}`,
        );
        canary.canaries.push({
          key: desired.key,
          name: fn.name,
          alias: desired.alias,
          fromVersion: from,
          toVersion: version,
        });
      } else {
        await pointAlias(lambda, fn.name, desired.alias, version, {}, clients.recoveries);
        await changed(
          `function ${fn.name}: version ${version} published, alias ${desired.alias} → ${version}`,
        );
        emit(report, 'progress', 'apply', `${fn.name}: alias ${desired.alias} → version ${version}`);
      }
      versions.set(fn.name, { version, codeSha256: pkg.codeSha256, alias: desired.alias });
    } else {
      versions.set(fn.name, {
        version: live.alias?.version ?? '$LATEST',
        codeSha256: live.alias?.codeSha256 ?? live.codeSha256,
        alias: desired.alias,
      });
    }
  });

  const api = planned.api
    ? await applyApi(planned.api, planned.plan.stage, { clients, report, changed })
    : undefined;
  return {
    functions: [...versions].map(([name, entry]) => ({ name, ...entry })),
    ...(api ? { api } : {}),
  };
}
