/**
 * How what retries through a database outage logs it: once at warn when the database goes out of
 * reach, with the reason and no stack (an outage is not a defect), and once at info when it is
 * reached again. `retrying` says what goes on meanwhile; `resumed`, what goes on after.
 */
import type { DatabaseOutageHandlers } from '@stepwise/database';
import type { Logger } from './logger';

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const loggedDatabaseOutage = (logger: Logger, context: Record<string, unknown>, retrying: string, resumed: string): DatabaseOutageHandlers => ({
  lost: (error) => logger.warn({ ...context, code: 'DATABASE_UNAVAILABLE', reason: reasonOf(error) }, `database out of reach; ${retrying}`),
  reached: () => logger.info(context, `database reached again; ${resumed}`),
});
