import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { LocalArtifacts } from '../../artifacts/local/local-artifacts.js';
import { scanSite } from '../../artifacts/local/site.js';
import type { LoadedConfig } from '../../config/load.js';
import { ValidationFailedError } from '../../core/errors.js';
import { once } from '../../core/once.js';
import { mapPool } from '../../core/pool.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import { downloadFunctionCode, readObjectVersion } from '../../providers/aws/released-artifacts.js';
import { keyPrefix } from '../../providers/aws/site-bucket.js';
import type { FunctionPackage } from '../../providers/package/function-package.js';
import type { ReleaseRecord } from '../../records/index.js';

export interface PromotedArtifacts {
  /** What the target's deployment reads instead of a local build: the source release's bytes. */
  artifacts(target: LoadedConfig): LocalArtifacts;
  /** Removes the verified local copy of the site. */
  dispose(): Promise<void>;
}

/**
 * The artifacts live in the source release, fetched and verified against it: each site object's
 * recorded version (its MD5 checked), each function's published version (its CodeSha256 checked).
 * The site is kept as a local copy so the target's deployment plans and uploads it like a build,
 * with the target's own Cache-Control rules; every file is checked again after the scan.
 */
export function promotedArtifacts(
  source: LoadedConfig,
  release: ReleaseRecord,
  clients: AwsClients,
): PromotedArtifacts {
  let folder: string | undefined;
  const siteCopy = once(async () => {
    const site = release.manifest.frontend;
    if (!site || !source.config.frontend)
      throw new ValidationFailedError(
        'NothingToPromote',
        `release v${release.number} of ${source.environment} has no site`,
      );
    folder = await mkdtemp(join(tmpdir(), 'omnix-promote-'));
    const root = folder;
    const prefix = keyPrefix(source.config.frontend.prefix);
    const s3 = await clients.s3();
    const expected = new Map<string, string>();
    await mapPool(site.objects, 8, async (object) => {
      const path = object.key.slice(prefix.length);
      const file = resolve(root, path);
      if (!object.key.startsWith(prefix) || !file.startsWith(`${root}${sep}`))
        throw new ValidationFailedError(
          'ArtifactMismatch',
          `s3://${site.bucket}/${object.key} is outside the site prefix of ${source.environment}`,
        );
      const bytes = await readObjectVersion(s3, { bucket: site.bucket, ...object });
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, bytes);
      expected.set(relative(root, file).split(sep).join('/'), object.md5);
    });
    return { root, expected };
  });
  const packages = once(async () => {
    const lambda = await clients.lambda();
    const released = new Map((release.manifest.backend?.functions ?? []).map((fn) => [fn.name, fn]));
    const found = new Map<string, FunctionPackage | Error>();
    for (const [key, fn] of Object.entries(source.config.backend?.functions ?? {})) {
      const live = released.get(fn.name);
      if (!live) {
        found.set(
          key,
          new ValidationFailedError(
            'NothingToPromote',
            `release v${release.number} of ${source.environment} has no version of ${fn.name}`,
          ),
        );
        continue;
      }
      const zip = await downloadFunctionCode(lambda, live);
      found.set(key, { zip, codeSha256: live.codeSha256, files: 0, unzippedBytes: 0 });
    }
    return found;
  });
  return {
    artifacts: (target) => ({
      site: once(async () => {
        const { root, expected } = await siteCopy();
        const files = await scanSite(root, target.config.frontend!);
        if (files.length !== expected.size)
          throw new ValidationFailedError(
            'ArtifactMismatch',
            `the release has ${expected.size} site file(s), the verified copy ${files.length}`,
          );
        for (const file of files)
          if (expected.get(file.path) !== file.md5)
            throw new ValidationFailedError(
              'ArtifactMismatch',
              `the copy of ${file.path} changed after it was verified`,
            );
        return files;
      }),
      packages,
    }),
    dispose: async () => {
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}
