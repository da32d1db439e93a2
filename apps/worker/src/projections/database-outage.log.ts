/**
 * How a projection runner of the worker logs the database going out of reach: once at warn when it
 * starts failing (the runner retries every few seconds until it ends), and once at info when it is
 * reached again. Other failures stay errors, with their stacks, through the runner's onError. A
 * lease lost under a leading runner is a warning (LEASE_LOST): another worker, or this one again, leads.
 */
import { loggedDatabaseOutage, type Logger } from '@stepwise/platform';
import type { ProjectionRunnerOptions } from '@stepwise/projections';

export const databaseOutageLog = (logger: Logger, processor: string): Pick<ProjectionRunnerOptions, 'onUnavailable' | 'onAvailable' | 'onLeaseLost'> => {
  const { lost, reached } = loggedDatabaseOutage(logger, { processor }, 'retrying from the stored checkpoint until it is back', 'going on from the stored checkpoint');
  return {
    onUnavailable: lost,
    onAvailable: reached,
    onLeaseLost: () =>
      logger.warn({ code: 'LEASE_LOST', processor }, 'lost the lease (its database session ended: lost, or ended by the database after a freeze); standing by, and leading again if no other worker does'),
  };
};
