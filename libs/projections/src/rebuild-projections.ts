import { LOG_START, saveCheckpoint, loadCheckpoint, type SqlDatabase } from '@stepwise/event-store';
import type { Projection } from './projection';

/**
 * Empties the projections' tables and moves their checkpoint back to the start of the log, in one
 * transaction; the next runner start replays the whole log into them. Stop the runners first.
 */
export const resetProjections = async (database: SqlDatabase, processor: string, projections: readonly Projection[]): Promise<void> => {
  const tables = [...new Set(projections.flatMap((projection) => projection.tables))];
  await database.transaction(async (tx) => {
    if (tables.length > 0) await tx.query(`TRUNCATE ${tables.join(', ')}`);
    const current = await loadCheckpoint(tx, processor);
    await saveCheckpoint(tx, processor, current, LOG_START);
  });
};
