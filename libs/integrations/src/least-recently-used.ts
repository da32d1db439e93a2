/**
 * Open things (a pooled SMTP transport, a keep-alive agent) by key, at most `limit` of them: the
 * least recently used is let go through `release` when one more opens.
 */
export class LeastRecentlyUsed<Value> {
  private readonly entries = new Map<string, Value>();

  constructor(
    private readonly limit: number,
    private readonly release: (value: Value) => void,
  ) {}

  /** The value under `key`, now the most recently used; opened by `open` when there is none. */
  take(key: string, open: () => Value): Value {
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Most recently used last: the first entry is the one to let go.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const opened = open();
    this.entries.set(key, opened);
    if (this.entries.size > this.limit) {
      const [oldest, value] = this.entries.entries().next().value as [string, Value];
      this.entries.delete(oldest);
      this.release(value);
    }
    return opened;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Every value, forgotten; the caller closes them. */
  drain(): Value[] {
    const values = [...this.entries.values()];
    this.entries.clear();
    return values;
  }
}
