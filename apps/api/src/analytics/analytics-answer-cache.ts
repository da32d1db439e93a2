/**
 * The api's analytics answers, kept until what they were read from changes: the analytics facts
 * (ANALYTICS_CHANGES_CHANNEL, told by the analytics projections at commit and by a rebuild's swap)
 * and the teams, team roles and settings that decide who may read them and how
 * (TENANCY_CHANGES_CHANNEL, told by the read models at commit). Listens before it keeps anything;
 * should the listening session break, it forgets everything and keeps nothing until it listens again.
 * A runner in this process tells it directly at commit, before answering the mutations that wait on
 * the batch, so a mutation's own change is never answered from before it.
 */
import { AnswerCache, type AnswerCacheOptions } from '@stepwise/analytics-application/read';
import { ANALYTICS_CHANGES_CHANNEL, EVERY_TENANT } from '@stepwise/analytics-infrastructure';
import type { SqlDatabase } from '@stepwise/database';
import { onCommittedNotice } from '@stepwise/projections';
import { TENANCY_CHANGES_CHANNEL } from '@stepwise/tenancy-infrastructure';

export const ANALYTICS_ANSWER_CACHE = Symbol('stepwise.analytics-answer-cache');

const RELISTEN_MS = 1_000;

export class ListeningAnswerCache extends AnswerCache {
  private unlisten: (() => Promise<void>)[] = [];
  private readonly local: (() => void)[] = [];
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  private constructor(
    private readonly database: SqlDatabase,
    options: AnswerCacheOptions,
  ) {
    super(options);
  }

  static async open(database: SqlDatabase, options: AnswerCacheOptions = {}): Promise<ListeningAnswerCache> {
    const cache = new ListeningAnswerCache(database, options);
    for (const channel of [ANALYTICS_CHANGES_CHANNEL, TENANCY_CHANGES_CHANNEL]) cache.local.push(onCommittedNotice(database, channel, (tenantId) => cache.heard(tenantId)));
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
    try {
      for (const channel of [ANALYTICS_CHANGES_CHANNEL, TENANCY_CHANGES_CHANNEL]) this.unlisten.push(await this.database.listen(channel, heard, () => this.lost()));
      this.resume();
    } catch {
      this.lost();
    }
  }

  private lost(): void {
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
