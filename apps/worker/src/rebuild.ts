// First: a signal while the rest loads is heard (see interruption.early.ts).
import './rebuild/interruption.early';
import 'reflect-metadata';
import { rebuildAll } from '@stepwise/read-models';
import { runRebuildCommand } from './rebuild/rebuild-command';

/**
 * `npm run rebuild`: every read model and the analytics at once, reading the log once (see
 * libs/read-models/src/rebuild-all.ts). Stop the workers first; the api keeps serving (the read models are empty
 * until done, the analytics are the old ones until the swap).
 */
runRebuildCommand({
  script: 'rebuild',
  summary: 'Rebuilds every read model and the analytics in one pass over the event log. Stop the workers first.',
  service: 'rebuild',
  label: 'read models and analytics',
  rebuild: async ({ database, eventStore, logger, batchSize, progress, signal }) => {
    const built = await rebuildAll(database, eventStore, {
      batchSize,
      signal,
      onProgress: (position) => progress.update(position),
      onError: (error) => logger.error({ err: error }, 'rebuild batch failed'),
    });
    return { position: built.globalPosition, figures: { position: built.globalPosition } };
  },
  done: 'all read models rebuilt from the start of the log, analytics swapped in',
  interrupted:
    'the read tables hold the log up to there (workers started now go on from there), the live analytics are untouched and the partial copy was dropped; running it again is safe and starts over',
  failed:
    'the read tables hold what was written before it (workers started now go on from there), the live analytics are untouched and the partial copy was dropped; running it again starts over',
});
