// First: a signal while the rest loads is heard (see interruption.early.ts).
import './rebuild/interruption.early';
import 'reflect-metadata';
import { rebuildReadModels } from '@stepwise/read-models';
import { runRebuildCommand } from './rebuild/rebuild-command';

/**
 * `npm run rebuild-read-models`: empties every read table, then replays the whole global log into
 * them and exits. Stop the workers first (while one leads the read models it is refused and nothing
 * is emptied); the api keeps serving (reads are empty until done).
 */
runRebuildCommand({
  script: 'rebuild-read-models',
  summary: 'Empties every read table and replays the whole event log into them. Stop the workers first.',
  service: 'rebuild',
  label: 'read models',
  rebuild: async ({ database, eventStore, logger, batchSize, progress, signal }) => {
    let events = 0;
    let position = 0;
    await rebuildReadModels(database, eventStore, {
      batchSize,
      signal,
      onBatch: (batch, checkpoint) => {
        events += batch.length;
        position = checkpoint.globalPosition;
        progress.update(position);
      },
      onError: (error) => logger.error({ err: error }, 'rebuild batch failed; retrying'),
    });
    return { position, figures: { events } };
  },
  done: 'read models rebuilt from the start of the log',
  interrupted: 'the read tables hold the log up to there (workers started now go on from there); running it again is safe and starts over',
  failed: 'the read tables hold what was written before it (workers started now go on from there); running it again starts over',
});
