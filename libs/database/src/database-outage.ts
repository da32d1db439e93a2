/**
 * A database going out of reach and coming back, told once each: the first lost-database error of
 * an outage (isDatabaseUnavailable), then the first success after it. What retries through an outage
 * (projection runners, nudge delivery, the webhook fan-out) says so once, not at every retry.
 */
import { isDatabaseUnavailable } from './database-unavailable';

export interface DatabaseOutageHandlers {
  /** The first lost-database error of an outage. */
  readonly lost: (error: unknown) => void;
  /** The first success after it. */
  readonly reached: () => void;
}

export class DatabaseOutage {
  private out = false;

  constructor(private readonly handlers: DatabaseOutageHandlers) {}

  /** True when `error` is a lost database (told once per outage); false for an error of another kind, the caller's to report. */
  failed(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (!this.out) {
      this.out = true;
      this.handlers.lost(error);
    }
    return true;
  }

  /** Something reached the database: an outage told of is over. */
  succeeded(): void {
    if (!this.out) return;
    this.out = false;
    this.handlers.reached();
  }
}
