/**
 * An immutable record of entries by id that grows without being copied whole. A journey's state
 * kept its steps and reflections as plain records, copied whole for every event that added or
 * changed one: folding a journey cost the square of its length (10,000 reflections took 20 s of
 * one core, blocking the process's event loop the first time a command loaded the journey).
 *
 * Entries live in chunks of at most CHUNK_SIZE: adding or changing one copies the chunk that holds
 * it (or starts a new one) and the list of chunks, never the others, which every version shares.
 * Ids are looked up as own keys, so an id such as "constructor" or "__proto__" is just an id.
 */
const CHUNK_SIZE = 256;

type Chunk<T> = Readonly<Record<string, T>>;

export class KeyedEntries<T> {
  private constructor(
    private readonly chunks: readonly Chunk<T>[],
    /** How many entries the last chunk holds. */
    private readonly lastSize: number,
    readonly size: number,
  ) {}

  static empty<T>(): KeyedEntries<T> {
    return new KeyedEntries<T>([], 0, 0);
  }

  get(id: string): T | undefined {
    const chunk = this.chunkHolding(id);
    return chunk === undefined ? undefined : this.chunks[chunk][id];
  }

  has(id: string): boolean {
    return this.chunkHolding(id) !== undefined;
  }

  /** Whether any entry passes `test`, in the order they were added. */
  some(test: (value: T, id: string) => boolean): boolean {
    return this.find(test) !== undefined;
  }

  /** The first entry, in the order they were added, that passes `test`. */
  find(test: (value: T, id: string) => boolean): T | undefined {
    for (const chunk of this.chunks) {
      for (const id of Object.keys(chunk)) if (test(chunk[id], id)) return chunk[id];
    }
    return undefined;
  }

  /** These entries with `id` set to `value`: in place of an entry it holds, else added last. */
  with(id: string, value: T): KeyedEntries<T> {
    const holding = this.chunkHolding(id);
    if (holding !== undefined) {
      const chunks = [...this.chunks];
      chunks[holding] = { ...chunks[holding], [id]: value };
      return new KeyedEntries(chunks, this.lastSize, this.size);
    }
    if (this.chunks.length === 0 || this.lastSize === CHUNK_SIZE) {
      return new KeyedEntries([...this.chunks, { [id]: value }], 1, this.size + 1);
    }
    const chunks = [...this.chunks];
    chunks[chunks.length - 1] = { ...chunks[chunks.length - 1], [id]: value };
    return new KeyedEntries(chunks, this.lastSize + 1, this.size + 1);
  }

  /** A plain record of every entry (for reading and comparing, not for the hot path). */
  toJSON(): Record<string, T> {
    return Object.fromEntries(this.chunks.flatMap((chunk) => Object.entries(chunk)));
  }

  private chunkHolding(id: string): number | undefined {
    for (let index = this.chunks.length - 1; index >= 0; index -= 1) {
      if (Object.hasOwn(this.chunks[index], id)) return index;
    }
    return undefined;
  }
}
