/**
 * How a projection runner of the worker logs the database going out of reach: once at warn when it
 * starts failing (the runner retries every few seconds until it ends), and once at info when it is
 * reached again. Other failures stay errors, with their stacks, through the runner's onError.
 */
import { loggedDatabaseOutage, type Logger } from '@stepwise/platform';
import type { ProjectionRunnerOptions } from '@stepwise/projections';

export const databaseOutageLog = (logger: Logger, processor: string): Pick<ProjectionRunnerOptions, 'onUnavailable' | 'onAvailable'> => {
  const { lost, reached } = loggedDatabaseOutage(logger, { processor }, 'retrying from the stored checkpoint until it is back', 'going on from the stored checkpoint');
  return { onUnavailable: lost, onAvailable: reached };
};
