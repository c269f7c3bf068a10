import { createHash, randomUUID } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * Where the sandbox keeps its state: in memory only, or also in a data folder so that it survives a
 * restart. Names are chosen by the services from validated identifiers or hashes, never from raw
 * keys, so nothing a client sends can reach outside the folder. Blobs are content-addressed.
 */
export class Persistence {
  private readonly memoryBlobs = new Map<string, Buffer>();

  constructor(readonly dataDir: string | undefined) {
    if (dataDir) mkdirSync(join(dataDir, 'blobs'), { recursive: true });
  }

  static safeName(text: string): string {
    return createHash('sha256').update(text).digest('hex');
  }

  /** Stores bytes; returns their SHA-256, the handle to read them back. */
  putBlob(bytes: Buffer): string {
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (this.dataDir) atomicWrite(join(this.dataDir, 'blobs', hash), bytes);
    else this.memoryBlobs.set(hash, bytes);
    return hash;
  }

  getBlob(hash: string): Buffer {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a blob handle: ${hash}`);
    return this.dataDir ? readFileSync(join(this.dataDir, 'blobs', hash)) : this.memoryBlobs.get(hash)!;
  }

  /** Writes one JSON record under `collection/name` (both safe names). */
  writeRecord(collection: string, name: string, value: unknown): void {
    if (!this.dataDir) return;
    const dir = join(this.dataDir, collection);
    mkdirSync(dir, { recursive: true });
    atomicWrite(join(dir, `${name}.json`), JSON.stringify(value));
  }

  deleteRecord(collection: string, name: string): void {
    if (this.dataDir) rmSync(join(this.dataDir, collection, `${name}.json`), { force: true });
  }

  /**
   * Appends text to the log `collection/name.ndjson` (both safe names): for data that only grows, such as
   * log events, where rewriting a whole record per change would cost more with every change.
   */
  appendLog(collection: string, name: string, text: string): void {
    if (!this.dataDir || text === '') return;
    const dir = join(this.dataDir, collection);
    mkdirSync(dir, { recursive: true });
    appendFileSync(join(dir, `${name}.ndjson`), text);
  }

  /** The whole text of an appended log, or '' when there is none. */
  readLog(collection: string, name: string): string {
    if (!this.dataDir) return '';
    try {
      return readFileSync(join(this.dataDir, collection, `${name}.ndjson`), 'utf8');
    } catch {
      return '';
    }
  }

  deleteLog(collection: string, name: string): void {
    if (this.dataDir) rmSync(join(this.dataDir, collection, `${name}.ndjson`), { force: true });
  }

  /** Every record of a collection, as stored. */
  readRecords<T>(collection: string): T[] {
    if (!this.dataDir) return [];
    let names: string[];
    try {
      names = readdirSync(join(this.dataDir, collection)).filter((name) => name.endsWith('.json'));
    } catch {
      return [];
    }
    return names.map((name) => JSON.parse(readFileSync(join(this.dataDir!, collection, name), 'utf8')) as T);
  }
}

function atomicWrite(file: string, content: string | Buffer): void {
  const temp = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}
