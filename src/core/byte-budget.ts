/**
 * Bytes that may be held at once, shared by tasks running in parallel: `use(bytes, run)` waits until
 * `bytes` are free, runs, and gives them back. Takers wait in order, so a large one is not starved by
 * small ones. A request above the whole budget is refused: it could never be granted.
 */
export class ByteBudget {
  private free: number;
  private readonly waiting: Array<{ bytes: number; grant: () => void }> = [];

  constructor(readonly total: number) {
    this.free = total;
  }

  async use<T>(bytes: number, run: () => Promise<T>): Promise<T> {
    if (bytes > this.total)
      throw new RangeError(`${bytes} bytes is more than the whole budget of ${this.total}`);
    await this.take(bytes);
    try {
      return await run();
    } finally {
      this.free += bytes;
      this.grant();
    }
  }

  private take(bytes: number): Promise<void> {
    if (this.waiting.length === 0 && bytes <= this.free) {
      this.free -= bytes;
      return Promise.resolve();
    }
    return new Promise((grant) => {
      this.waiting.push({ bytes, grant });
    });
  }

  private grant(): void {
    while (this.waiting[0] && this.waiting[0].bytes <= this.free) {
      const next = this.waiting.shift()!;
      this.free -= next.bytes;
      next.grant();
    }
  }
}
