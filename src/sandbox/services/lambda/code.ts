import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
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
 * The folder the code runs from: unzipped once per CodeSha256 under the system temp folder. An
 * entry whose path would leave the folder (zip-slip) is refused.
 */
export function extractedCode(zip: Buffer): string {
  const hash = createHash('sha256').update(zip).digest('hex');
  const target = join(tmpdir(), 'omnix-sandbox-lambda', hash);
  if (existsSync(target)) return target;
  const files = checkZip(zip);
  const staging = `${target}.${process.pid}.${Date.now()}`;
  for (const [name, bytes] of Object.entries(files)) {
    const path = resolve(staging, name);
    if (!path.startsWith(staging + sep)) {
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
  mkdirSync(staging, { recursive: true });
  try {
    renameSync(staging, target);
  } catch {
    // Another invocation unzipped the same code first; theirs is identical.
  }
  return target;
}
