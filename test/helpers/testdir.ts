import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

/** Creates a temporary folder holding `files` (path → content), removed when the test ends. */
export async function testdir(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'omnix-test-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  await writeFiles(root, files);
  return root;
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** A small valid project: master file plus the given environment files. */
export function project(
  master: string,
  environments: Record<string, string> = { development: '' },
): Record<string, string> {
  const files: Record<string, string> = { 'config/deployment-config.yaml': master };
  for (const [name, content] of Object.entries(environments))
    files[`config/environments/${name}.yaml`] = content;
  return files;
}

export const MINIMAL_MASTER = `project: shop
aws:
  region: eu-west-1
frontend:
  source: web/dist
  bucket: shop-web-\${environment}
`;
