/**
 * Analytics answers kept in memory, per tenant, until what they were read from changes. Whoever
 * writes the facts tells the cache (`forgetTenant`, `forgetAll`: the projections' notifications at
 * commit); an answer read while such a change was told is handed out but not kept, so the cache never
 * holds an answer older than the last change it heard of. An answer that reads the clock says until
 * when it holds (`until`, exclusive): it is given for instants from the one it was read at up to then.
 *
 * Bounded: entries are weighed (about their size in bytes) and the least recently used go first
 * once the total passes `maxWeight`. Concurrent misses on one key share one read. While the cache
 * cannot hear of changes (`pause`), or when `maxWeight` is 0, it keeps nothing and every answer is
 * read, each on its own.
 */
import type { AtOnce } from '@stepwise/kernel';

export interface AnswerRead<Value> {
  readonly value: Value;
  /** About its size in memory, in bytes. */
  readonly weight: number;
  /** The first instant (ms since the epoch) it no longer holds for; undefined or null: it holds until a change. */
  readonly until?: number | null;
}

export interface AnswerCacheOptions {
  /** The most weight kept (default 32 MB). */
  readonly maxWeight?: number;
}

interface Entry {
  readonly tenantId: string;
  readonly value: unknown;
  readonly weight: number;
  readonly from: number;
  readonly until: number;
}

interface Pending {
  readonly at: number;
  readonly read: Promise<Entry>;
}

export const DEFAULT_ANSWER_CACHE_WEIGHT = 32 * 2 ** 20;

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly keysByTenant = new Map<string, Set<string>>();
  private readonly pending = new Map<string, Pending>();
  private readonly generations = new Map<string, number>();
  private epoch = 0;
  private weight = 0;
  private listening = false;
  private readonly maxWeight: number;

  constructor(options: AnswerCacheOptions = {}) {
    this.maxWeight = options.maxWeight ?? DEFAULT_ANSWER_CACHE_WEIGHT;
  }

  /** The total weight kept. */
  get size(): { readonly entries: number; readonly weight: number } {
    return { entries: this.entries.size, weight: this.weight };
  }

  /**
   * The answer under `key` for `tenantId` at instant `at` (ms): kept, being read, or read now by
   * `read`. `key` must name everything the answer depends on besides the tenant's facts and `at`.
   */
  async answer<Value>(tenantId: string, key: string, at: number, read: () => Promise<AnswerRead<Value>>): Promise<Value> {
    return this.keptOrAnswer(tenantId, key, at, read);
  }

  /**
   * As `answer`, but a kept answer is given at once rather than as a promise: for the hot path of a
   * request, which then waits only when something must be read.
   */
  keptOrAnswer<Value>(tenantId: string, key: string, at: number, read: () => Promise<AnswerRead<Value>>): AtOnce<Value> {
    // Off (no weight allowed) or deaf: every answer is read, and no read is shared.
    if (!this.listening || this.maxWeight === 0) return read().then((answer) => answer.value);
    const id = `${tenantId}\n${key}`;
    const kept = this.keptEntry(id, at);
    return kept ? (kept.value as Value) : this.readShared(id, tenantId, at, read);
  }

  /** The tenant's facts changed: its answers are forgotten, and answers being read are not kept. */
  forgetTenant(tenantId: string): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
    for (const id of this.keysByTenant.get(tenantId) ?? []) this.drop(id);
    this.keysByTenant.delete(tenantId);
    for (const [id] of this.pending) if (id.startsWith(`${tenantId}\n`)) this.pending.delete(id);
  }

  /** Every tenant's facts may have changed. */
  forgetAll(): void {
    this.epoch += 1;
    this.generations.clear();
    this.entries.clear();
    this.keysByTenant.clear();
    this.pending.clear();
    this.weight = 0;
  }

  /** Changes are heard from now on: answers may be kept. */
  resume(): void {
    this.forgetAll();
    this.listening = true;
  }

  /** Changes can no longer be heard: forget everything and keep nothing until `resume`. */
  pause(): void {
    this.listening = false;
    this.forgetAll();
  }

  /** Joins a read of `id` under way that covers `at`, or reads it now (kept unless a change was told meanwhile). */
  private async readShared<Value>(id: string, tenantId: string, at: number, read: () => Promise<AnswerRead<Value>>): Promise<Value> {
    const inFlight = this.pending.get(id);
    if (inFlight && at >= inFlight.at) {
      const entry = await inFlight.read;
      if (at < entry.until) return entry.value as Value;
    }
    const mark = this.markOf(tenantId);
    const reading = read().then((answer): Entry => ({
      tenantId,
      value: answer.value,
      weight: answer.weight,
      from: at,
      until: answer.until ?? Number.POSITIVE_INFINITY,
    }));
    const pending: Pending = { at, read: reading };
    this.pending.set(id, pending);
    try {
      const entry = await reading;
      // A change told while it was read: hand it out, keep nothing (and let no one join it).
      if (this.listening && mark === this.markOf(tenantId)) this.keep(id, entry);
      return entry.value as Value;
    } finally {
      if (this.pending.get(id) === pending) this.pending.delete(id);
    }
  }

  /** The entry under `id` that holds at `at`, made the most recently used; undefined when none does. */
  private keptEntry(id: string, at: number): Entry | undefined {
    const kept = this.entries.get(id);
    if (!kept || at < kept.from || at >= kept.until) return undefined;
    // Most recently used last.
    this.entries.delete(id);
    this.entries.set(id, kept);
    return kept;
  }

  private markOf(tenantId: string): string {
    return `${this.epoch}.${this.generations.get(tenantId) ?? 0}`;
  }

  private keep(id: string, entry: Entry): void {
    if (entry.weight > this.maxWeight) return;
    this.drop(id);
    this.entries.set(id, entry);
    this.weight += entry.weight;
    let keys = this.keysByTenant.get(entry.tenantId);
    if (!keys) this.keysByTenant.set(entry.tenantId, (keys = new Set()));
    keys.add(id);
    for (const [oldest] of this.entries) {
      if (this.weight <= this.maxWeight) break;
      this.drop(oldest);
    }
  }

  private drop(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.weight -= entry.weight;
    const keys = this.keysByTenant.get(entry.tenantId);
    keys?.delete(id);
    if (keys?.size === 0) this.keysByTenant.delete(entry.tenantId);
  }
}
