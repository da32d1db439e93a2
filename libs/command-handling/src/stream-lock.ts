/**
 * Runs the commands for one (tenant, stream) of this process one at a time, in arrival order, while
 * other streams go on in parallel: writers in one process then never conflict with each other, only
 * with other processes. A key is forgotten as soon as nothing holds or awaits it.
 */
export class StreamLock {
  /** Per key, the promise the next arrival waits for: it settles when everyone queued before has finished. */
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(tenantId: string, streamId: string, work: () => Promise<T>): Promise<T> {
    const key = JSON.stringify([tenantId, streamId]);
    const previous = this.tails.get(key);
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous ? previous.then(() => done) : done;
    this.tails.set(key, tail);
    try {
      await previous;
      return await work();
    } finally {
      release();
      // Whoever queued after us replaced the tail; if nobody did, the key is idle.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys currently held or awaited. */
  get size(): number {
    return this.tails.size;
  }
}
