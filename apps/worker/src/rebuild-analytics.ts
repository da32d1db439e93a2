// First: a signal while the rest loads is heard (see interruption.early.ts).
import './rebuild/interruption.early';
import 'reflect-metadata';
import { rebuildAnalytics } from '@stepwise/analytics-infrastructure';
import { runRebuildCommand } from './rebuild/rebuild-command';

/**
 * `npm run rebuild-analytics`: replays the whole global log into a fresh copy of the analytics
 * tables beside the live ones, then swaps it in. Workers and the api keep running throughout:
 * leaders read the old analytics until the swap, and the worker's analytics processor goes on from
 * where the rebuild stopped. Run it after a metric definition changes.
 */
runRebuildCommand({
  script: 'rebuild-analytics',
  summary: 'Builds the analytics afresh beside the live tables and swaps them in when caught up.',
  service: 'rebuild-analytics',
  label: 'analytics',
  rebuild: async ({ database, eventStore, logger, batchSize, progress, signal }) => {
    let events = 0;
    const built = await rebuildAnalytics(database, eventStore, {
      batchSize,
      signal,
      onBatch: (batch, checkpoint) => {
        events += batch.length;
        progress.update(checkpoint.globalPosition);
      },
      onError: (error) => logger.error({ err: error }, 'analytics rebuild batch failed; retrying'),
    });
    return { position: built.globalPosition, figures: { events, position: built.globalPosition } };
  },
  done: 'analytics rebuilt beside the live tables and swapped in',
  interrupted: 'the live analytics are untouched and the partial copy was dropped; running it again is safe and starts over',
  failed: 'the live analytics are untouched and the partial copy was dropped; running it again starts over',
});
