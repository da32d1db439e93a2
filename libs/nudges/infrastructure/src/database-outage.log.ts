/**
 * How a part of nudge delivery logs the database going out of reach, as the worker's projection
 * runners do: once at warn when it starts failing, with the reason and no stack (an outage is not a
 * defect, and what failed is retried), and once at info when it is reached again. Other failures are
 * left to the caller, which logs them as errors with their stacks.
 */
import { isDatabaseUnavailable } from '@stepwise/database';
import type { Logger } from 'pino';

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class DatabaseOutageLog {
  private out = false;

  /** `retrying` says what goes on meanwhile; `resumed`, what goes on once it is reached again. */
  constructor(
    private readonly logger: Logger,
    private readonly context: Record<string, unknown>,
    private readonly retrying: string,
    private readonly resumed: string,
  ) {}

  /** True when the error is a lost database (warned once per outage); false for the caller to log. */
  lost(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (this.out) return true;
    this.out = true;
    this.logger.warn({ ...this.context, code: 'DATABASE_UNAVAILABLE', reason: reasonOf(error) }, `database out of reach; ${this.retrying}`);
    return true;
  }

  /** A statement went through: an outage warned of is over. */
  reached(): void {
    if (!this.out) return;
    this.out = false;
    this.logger.info(this.context, `database reached again; ${this.resumed}`);
  }
}
