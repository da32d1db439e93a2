/**
 * How a projection runner of the worker logs the database going out of reach: once at warn when it
 * starts failing, with the reason and no stack (an outage is not a defect, and the runner retries
 * every few seconds until it ends), and once at info when it is reached again. Other failures stay
 * errors, with their stacks, through the runner's onError.
 */
import type { Logger } from '@stepwise/platform';
import type { ProjectionRunnerOptions } from '@stepwise/projections';

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const databaseOutageLog = (logger: Logger, processor: string): Pick<ProjectionRunnerOptions, 'onUnavailable' | 'onAvailable'> => ({
  onUnavailable: (error) =>
    logger.warn({ code: 'DATABASE_UNAVAILABLE', processor, reason: reasonOf(error) }, 'database out of reach; retrying from the stored checkpoint until it is back'),
  onAvailable: () => logger.info({ processor }, 'database reached again; going on from the stored checkpoint'),
});
