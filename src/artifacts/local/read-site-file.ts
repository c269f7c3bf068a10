import { createHash } from 'node:crypto';
import { findSecretsIn } from '../../core/secrets/patterns.js';
import { withFound } from '../../providers/package/read-found.js';
import type { FoundFile } from '../../providers/package/walk-source.js';

/** Files larger than this are hashed as they stream by, not held whole nor scanned for credentials. */
export const SCAN_LIMIT = 32 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** A credential found in a file's content: where and what, never the credential itself. */
export interface SecretAt {
  line: number;
  kind: string;
}

/** What one read of a file tells: everything the plan, validation and the upload need from its content. */
export interface FileFacts {
  size: number;
  /** Hex MD5 of the content: the S3 ETag of a single-part upload. */
  md5: string;
  /** Credentials in the content; absent when the file is over `SCAN_LIMIT` and was not scanned. */
  secrets?: SecretAt[];
}

/**
 * Reads a found file once: its size from the open descriptor, then its content hashed and scanned for
 * credentials in the same pass (a file over the scan limit streamed through the hash in chunks).
 */
export async function readSiteFile(found: FoundFile): Promise<FileFacts> {
  return withFound(found, async (handle, info) => {
    if (info.size > SCAN_LIMIT) {
      const hash = createHash('md5');
      const chunk = Buffer.allocUnsafe(CHUNK);
      let size = 0;
      for (;;) {
        const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
        if (bytesRead === 0) break;
        hash.update(chunk.subarray(0, bytesRead));
        size += bytesRead;
      }
      return { size, md5: hash.digest('hex') };
    }
    const bytes = await handle.readFile();
    return {
      size: bytes.length,
      md5: createHash('md5').update(bytes).digest('hex'),
      secrets: findSecretsIn(bytes, found.path).map(({ line, kind }) => ({ line, kind })),
    };
  });
}
