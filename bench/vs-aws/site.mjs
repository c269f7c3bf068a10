// Synthetic sites on disk. A "rebuild" rewrites every file, as a bundler does, with the same content
// except for the files it changes: new modification times everywhere, new bytes only where changed.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Twenty pages at the top, the rest spread over forty folders, as a built site looks. */
const smallPath = (i) =>
  i === 0 ? 'index.html' : i < 20 ? `page-${i}.html` : `pages/${i % 40}/file-${i}.js`;
const text = (bytes) =>
  randomBytes(Math.ceil(bytes / 2))
    .toString('hex')
    .slice(0, bytes);

export class SyntheticSite {
  /** `files` of `size` bytes each, held in memory so that a rebuild can write them again. */
  constructor(dir, { files, size }) {
    this.dir = dir;
    this.contents = Array.from({ length: files }, () => text(size));
    this.size = size;
  }

  get bytes() {
    return this.contents.length * this.size;
  }

  /** Rewrites every file; `changed` of them (spread evenly, never index.html) get new content first. */
  rebuild(changed = 0) {
    const files = this.contents.length;
    for (let i = 1; i <= changed; i++)
      this.contents[Math.max(1, Math.floor((i * files) / (changed + 1)))] = text(this.size);
    rmSync(this.dir, { recursive: true, force: true });
    this.contents.forEach((content, i) => {
      const file = join(this.dir, smallPath(i));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    });
  }
}

/**
 * A site of `totalBytes` in `large` big binary files (the bulk, multipart for both tools) and
 * `small` pages and assets; written once, streamed to disk in 1 MiB chunks so it is never in memory.
 */
export function writeLargeSite(dir, { totalBytes, large, small }) {
  const smallBytes = Math.round(totalBytes * 0.1);
  const smallSize = Math.max(1, Math.floor(smallBytes / small));
  const largeSize = Math.floor((totalBytes - smallSize * small) / large);
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < small; i++) {
    const file = join(dir, smallPath(i));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text(smallSize));
  }
  mkdirSync(join(dir, 'media'), { recursive: true });
  const chunk = 1024 * 1024;
  for (let i = 0; i < large; i++) {
    const fd = openSync(join(dir, `media/video-${i}.bin`), 'w');
    for (let written = 0; written < largeSize; written += chunk)
      writeSync(fd, randomBytes(Math.min(chunk, largeSize - written)));
    closeSync(fd);
  }
  return { files: small + large, bytes: smallSize * small + largeSize * large, largeSize };
}
