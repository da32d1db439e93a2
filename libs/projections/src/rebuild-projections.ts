import type { SqlDatabase } from '@stepwise/database';
import type { Projection } from './projection';

/**
 * Empties the projections' tables and forgets their checkpoint, in one transaction; the next runner
 * start replays the whole log into them. Stop the runners first: checkpoints otherwise only move
 * forward, and a runner still holding the old position would be refused at its next batch.
 */
export const resetProjections = async (database: SqlDatabase, processor: string, projections: readonly Projection[]): Promise<void> => {
  const tables = [...new Set(projections.flatMap((projection) => projection.tables))];
  await database.transaction(async (tx) => {
    if (tables.length > 0) await tx.query(`TRUNCATE ${tables.join(', ')}`);
    await tx.query('DELETE FROM es_checkpoints WHERE processor = $1', [processor]);
  });
};
