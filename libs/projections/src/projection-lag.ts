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
UNION ALL
SELECT p.processor,
  (SELECT count(*) FROM (SELECT 1 FROM es_events LIMIT ${LAG_COUNT_CAP}) AS behind) AS events,
  COALESCE((
    SELECT greatest(0, extract(epoch FROM clock_timestamp() - e.created_at))::float8 FROM es_events e
    ORDER BY e.tx_id, e.global_position LIMIT 1
  ), 0) AS seconds
FROM unnest($1::text[]) AS p(processor)
WHERE NOT EXISTS (SELECT 1 FROM es_checkpoints c WHERE c.processor = p.processor)
ORDER BY processor`;

/**
 * `expected`: the processors the deployment runs. One that has never saved a checkpoint (its worker
 * down or failing since the start) is behind by the whole log, not absent: an alert on lag fires.
 */
export const projectionLag = async (executor: SqlExecutor, expected: readonly string[] = []): Promise<ProcessorLag[]> => {
  const { rows } = await executor.query<{ processor: string; events: string | number; seconds: string | number }>(LAG, [expected]);
  return rows.map((row) => ({ processor: row.processor, events: Number(row.events), seconds: Number(row.seconds) }));
};
