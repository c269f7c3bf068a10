import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { AwsError } from '../../protocol/aws-error.js';

/** Lambda's limit for a zip sent in the request (50 MB) and for the unzipped code (250 MB). */
export const MAX_ZIPPED_BYTES = 50 * 1024 * 1024;
export const MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;

export function codeSha256(zip: Buffer): string {
  return createHash('sha256').update(zip).digest('base64');
}

/** Checks a deployment package before it is accepted. */
export function checkZip(zip: Buffer): Record<string, Uint8Array> {
  if (zip.length > MAX_ZIPPED_BYTES) {
    throw new AwsError(
      'RequestEntityTooLargeException',
      'Request must be smaller than 52428800 bytes for the CreateFunction or UpdateFunctionCode operation',
      413,
    );
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(zip));
  } catch {
    throw new AwsError(
      'InvalidParameterValueException',
      'Could not unzip uploaded file. Please check your file, then try to upload again.',
      400,
    );
  }
  const escaping = Object.keys(files).find(
    (name) => name.startsWith('/') || name.split(/[\\/]/).includes('..'),
  );
  if (escaping)
    throw new AwsError(
      'InvalidParameterValueException',
      `The zip entry ${escaping} points outside the package.`,
      400,
    );
  const total = Object.values(files).reduce((sum, bytes) => sum + bytes.length, 0);
  if (total > MAX_UNZIPPED_BYTES) {
    throw new AwsError(
      'InvalidParameterValueException',
      `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`,
      400,
    );
  }
  return files;
}

/**
 * Where this sandbox unpacks function code: a private folder (mode 0700, made by mkdtemp) that no
 * other sandbox or user shares, removed when the sandbox stops. Each package is unpacked there from
 * its stored bytes after checking them against their SHA-256, never taken from a folder that was
 * already there; an entry whose path would leave the folder (zip-slip) is refused.
 */
export class CodeStore {
  private root: string | undefined;
  private readonly unpacked = new Map<string, string>();

  /** The folder holding the package stored under `sha256` (hex), unpacked on first use. */
  folder(sha256: string, bytes: Buffer): string {
    const known = this.unpacked.get(sha256);
    if (known) return known;
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new AwsError(
        'ServiceException',
        'The stored deployment package does not match its SHA-256; upload the code again.',
        500,
      );
    }
    this.root ??= mkdtempSync(join(tmpdir(), 'omnix-sandbox-lambda-'));
    const target = join(this.root, sha256);
    unpack(checkZip(bytes), target);
    this.unpacked.set(sha256, target);
    return target;
  }

  /** Removes every unpacked package. */
  clear(): void {
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
    this.unpacked.clear();
  }
}

function unpack(files: Record<string, Uint8Array>, target: string): void {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { mode: 0o700 });
  for (const [name, bytes] of Object.entries(files)) {
    const path = resolve(target, name);
    if (!path.startsWith(target + sep)) {
      throw new AwsError(
        'InvalidParameterValueException',
        `The zip entry ${name} points outside the package.`,
        400,
      );
    }
    if (name.endsWith('/')) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
}
