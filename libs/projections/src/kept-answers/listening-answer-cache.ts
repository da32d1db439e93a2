/**
 * Answers kept until what they were read from changes: the projections that write it notify their
 * channels with the tenant id at commit (a row projection's `notify`), and a reset or a rebuild's
 * swap notifies EVERY_TENANT. Listens before it keeps anything; should the listening session break,
 * it forgets everything and keeps nothing until it listens again. A runner in this process tells it
 * directly at commit, before answering the mutations that wait on the batch, so a mutation's own
 * change is never answered from before it; a runner in another process notifies on the same session
 * as the checkpoint that covers the change, after the change's notice.
 */
import type { SqlDatabase } from '@stepwise/database';
import { EVERY_TENANT, onCommittedNotice } from '../committed-notices';
import { AnswerCache, type AnswerCacheOptions } from './answer-cache';

const RELISTEN_MS = 1_000;

export class ListeningAnswerCache extends AnswerCache {
  private unlisten: (() => Promise<void>)[] = [];
  private readonly local: (() => void)[] = [];
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  /** Counts sessions lost: listening resumes only if none was lost while its channels were being listened to. */
  private losses = 0;

  private constructor(
    private readonly database: SqlDatabase,
    private readonly channels: readonly string[],
    options: AnswerCacheOptions,
  ) {
    super(options);
  }

  /** A cache that forgets a tenant's answers when any of `channels` is notified for it. */
  static async open(database: SqlDatabase, channels: readonly string[], options: AnswerCacheOptions = {}): Promise<ListeningAnswerCache> {
    const cache = new ListeningAnswerCache(database, channels, options);
    for (const channel of channels) cache.local.push(onCommittedNotice(database, channel, (tenantId) => cache.heard(tenantId)));
    await cache.listen();
    return cache;
  }

  /** Stops listening (Nest calls it on shutdown). */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.pause();
    for (const stop of this.local.splice(0)) stop();
    await this.stopListening();
  }

  private heard(tenantId: string): void {
    if (tenantId === EVERY_TENANT) this.forgetAll();
    else this.forgetTenant(tenantId);
  }

  private async listen(): Promise<void> {
    const heard = (tenantId: string): void => this.heard(tenantId);
    const losses = this.losses;
    try {
      for (const channel of this.channels) this.unlisten.push(await this.database.listen(channel, heard, () => this.lost()));
      // A session lost between two channels leaves the first unheard on the next one: the retry listens to all again.
      if (this.losses === losses) this.resume();
    } catch {
      this.lost();
    }
  }

  private lost(): void {
    this.losses += 1;
    this.pause();
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.stopListening().then(() => (this.closed ? undefined : this.listen()));
    }, RELISTEN_MS);
  }

  private async stopListening(): Promise<void> {
    for (const unlisten of this.unlisten.splice(0)) await unlisten().catch(() => undefined);
  }
}
