/**
 * Says so when a transaction has held the global log's horizon too long: everything committed
 * after it waits, in every projection, until it ends. Checks every few seconds and warns once per
 * blocker (its backend and transaction id), naming its pid, database and age, so the person on
 * call can find it in pg_stat_activity.
 */
import { DatabaseOutage } from '@stepwise/database';
import type { HorizonHolder } from '@stepwise/event-store';
import { loggedDatabaseOutage, type Logger } from '@stepwise/platform';

export interface HorizonWatchOptions {
  readonly holder: () => Promise<HorizonHolder | undefined>;
  readonly logger: Logger;
  /** A holder this old is reported (default 10 s). */
  readonly warnAfterSeconds?: number;
  /** Between checks (default 5 s). */
  readonly intervalMs?: number;
}

export const HORIZON_WARN_AFTER_SECONDS = 10;
const CHECK_INTERVAL_MS = 5_000;

export class HorizonWatch {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  /** The holder seen last, since when, and whether it was reported. */
  private current: { readonly blocker: string; readonly since: number; warned: boolean } | undefined;

  /** A database out of reach is told once, at warn and without a stack, as the projection runners tell it; other failures are errors. */
  private readonly outage: DatabaseOutage;

  constructor(private readonly options: HorizonWatchOptions) {
    this.outage = new DatabaseOutage(loggedDatabaseOutage(options.logger, {}, 'the horizon watch looks again until it is back', 'the horizon watch goes on'));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.checking;
  }

  /** One look at the oldest holder; warns if it is old enough and was not reported yet. */
  check(): Promise<void> {
    this.checking ??= this.look().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async look(): Promise<void> {
    let holder: HorizonHolder | undefined;
    try {
      holder = await this.options.holder();
    } catch (error) {
      if (!this.outage.failed(error)) this.options.logger.error({ err: error }, 'could not look for a transaction holding the global log horizon');
      return;
    }
    this.outage.succeeded();
    if (!holder) {
      this.current = undefined;
      return;
    }
    const blocker = `${holder.pid ?? 'prepared'}:${holder.xid}`;
    if (this.current?.blocker !== blocker) this.current = { blocker, since: Date.now(), warned: false };
    // Without the right to see another role's session start, the age is at least how long we have seen it.
    const ageSeconds = holder.ageSeconds ?? (Date.now() - this.current.since) / 1000;
    const threshold = this.options.warnAfterSeconds ?? HORIZON_WARN_AFTER_SECONDS;
    if (this.current.warned || ageSeconds < threshold) return;
    this.current.warned = true;
    this.options.logger.warn(
      { pid: holder.pid, database: holder.database, ageSeconds: Math.round(ageSeconds * 10) / 10, xid: holder.xid },
      `a transaction has held the global log horizon for over ${threshold} s: projections and read-your-writes wait until it ends`,
    );
  }
}
