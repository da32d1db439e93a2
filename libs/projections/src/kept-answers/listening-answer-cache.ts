/**
 * Answers kept until what they were read from changes: the projections that write it notify their
 * channels with the tenant id at commit (a row projection's `notify`), and a reset or a rebuild's
 * swap notifies EVERY_TENANT. Listens before it keeps anything; should the listening session break,
 * it forgets everything and keeps nothing until it listens again. A runner in this process tells it
 * directly at commit, before answering the mutations that wait on the batch, so a mutation's own
 * change is never answered from before it; a runner in another process notifies on the same session
 * as the checkpoint that covers the change, after the change's notice.
 */
import { KeptListener, RELISTEN_MS, type SqlDatabase } from '@stepwise/database';
import { EVERY_TENANT, onCommittedNotice } from '../committed-notices';
import { AnswerCache, type AnswerCacheOptions } from './answer-cache';

export interface ListeningAnswerCacheOptions extends AnswerCacheOptions {
  /** How long after losing its listening session (or failing to listen again) it tries again. Default 1 s. */
  readonly relistenMs?: number;
  /**
   * Told when it stops hearing of changes (false: its listening session was lost, or could not be
   * opened, and nothing is kept), and when it hears again after that (true); once per change, for a log line.
   */
  readonly onHearing?: (hearing: boolean) => void;
}

export class ListeningAnswerCache extends AnswerCache {
  private readonly local: (() => void)[] = [];
  private readonly listener: KeptListener;
  /** Whether it hears of changes: unknown until its first listen ends either way. */
  private hearing: boolean | undefined;

  private constructor(database: SqlDatabase, channels: readonly string[], options: ListeningAnswerCacheOptions) {
    super(options);
    const told = (hearing: boolean): void => {
      const before = this.hearing;
      this.hearing = hearing;
      // Its first hearing is the normal start: only a change from deaf, or a first listen failing, is told.
      if (before !== hearing && (before !== undefined || !hearing)) options.onHearing?.(hearing);
    };
    this.listener = new KeptListener(
      database,
      channels,
      {
        notified: (tenantId) => this.heard(tenantId),
        hearing: () => {
          this.resume();
          told(true);
        },
        deaf: () => {
          this.pause();
          told(false);
        },
      },
      options.relistenMs ?? RELISTEN_MS,
    );
  }

  /** A cache that forgets a tenant's answers when any of `channels` is notified for it. */
  static async open(database: SqlDatabase, channels: readonly string[], options: ListeningAnswerCacheOptions = {}): Promise<ListeningAnswerCache> {
    const cache = new ListeningAnswerCache(database, channels, options);
    for (const channel of channels) cache.local.push(onCommittedNotice(database, channel, (tenantId) => cache.heard(tenantId)));
    // Not listening yet, it keeps nothing, and tries again.
    await cache.listener.listen().catch(() => undefined);
    return cache;
  }

  /** Stops listening (Nest calls it on shutdown). */
  async onModuleDestroy(): Promise<void> {
    for (const stop of this.local.splice(0)) stop();
    await this.listener.close();
    this.pause();
  }

  private heard(tenantId: string): void {
    if (tenantId === EVERY_TENANT) this.forgetAll();
    else this.forgetTenant(tenantId);
  }
}
