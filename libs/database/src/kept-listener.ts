/**
 * LISTEN on one or more channels, kept up through the listening session breaking (a failover, a
 * killed session): told `deaf` at once, it listens to every channel again after `relistenMs` (and
 * again, until it can), and tells `hearing` once every channel is listened to with no session lost
 * meanwhile. Notifications sent while it was deaf are not heard: whoever keeps answers on its word
 * forgets them at `deaf` and keeps nothing until `hearing`.
 */
import type { SqlDatabase } from './sql-database.port';

export interface KeptListenerHandlers {
  readonly notified: (payload: string) => void;
  /** Every channel listened to: notifications are heard from now. */
  readonly hearing: () => void;
  /** The session broke, or listening failed: notifications may go unheard until `hearing`. */
  readonly deaf: () => void;
}

export const RELISTEN_MS = 1_000;

export class KeptListener {
  private unlisten: (() => Promise<void>)[] = [];
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  /** Sessions lost so far: hearing is told only if none was lost while the channels were being listened to. */
  private losses = 0;

  constructor(
    private readonly database: SqlDatabase,
    private readonly channels: readonly string[],
    private readonly handlers: KeptListenerHandlers,
    private readonly relistenMs = RELISTEN_MS,
  ) {}

  /** Listens to every channel. A failure is told as `deaf`, tried again after `relistenMs`, and rethrown. */
  async listen(): Promise<void> {
    const losses = this.losses;
    try {
      for (const channel of this.channels) this.unlisten.push(await this.database.listen(channel, this.handlers.notified, () => this.lost()));
      // A session lost between two channels leaves the first unheard on the next one: the retry listens to all again.
      if (this.losses === losses) this.handlers.hearing();
    } catch (error) {
      this.lost();
      throw error;
    }
  }

  /** Stops listening and trying again. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.retry = undefined;
    await this.stopListening();
  }

  private lost(): void {
    this.losses += 1;
    this.handlers.deaf();
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.stopListening().then(() => (this.closed ? undefined : this.listen().catch(() => undefined)));
    }, this.relistenMs);
  }

  private async stopListening(): Promise<void> {
    for (const unlisten of this.unlisten.splice(0)) await unlisten().catch(() => undefined);
  }
}
