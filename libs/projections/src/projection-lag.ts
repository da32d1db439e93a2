/**
 * How far each processor is behind the global log: events past its checkpoint, and how long the
 * oldest of them has waited. Read at scrape time, in one statement for every processor.
 */
import type { SqlExecutor } from '@stepwise/database';

/** Counting stops here: past it a processor is simply far behind, and a scrape stays cheap. */
export const LAG_COUNT_CAP = 100_000;

export interface ProcessorLag {
  readonly processor: string;
  readonly events: number;
  readonly seconds: number;
}

const LAG = `
SELECT c.processor,
  (SELECT count(*) FROM (
     SELECT 1 FROM es_events e WHERE (e.tx_id, e.global_position) > (c.tx_id, c.global_position) LIMIT ${LAG_COUNT_CAP}
   ) AS behind) AS events,
  COALESCE((
    SELECT greatest(0, extract(epoch FROM clock_timestamp() - e.created_at))::float8 FROM es_events e
    WHERE (e.tx_id, e.global_position) > (c.tx_id, c.global_position)
    ORDER BY e.tx_id, e.global_position LIMIT 1
  ), 0) AS seconds
FROM es_checkpoints c
ORDER BY c.processor`;

export const projectionLag = async (executor: SqlExecutor): Promise<ProcessorLag[]> => {
  const { rows } = await executor.query<{ processor: string; events: string | number; seconds: string | number }>(LAG);
  return rows.map((row) => ({ processor: row.processor, events: Number(row.events), seconds: Number(row.seconds) }));
};
