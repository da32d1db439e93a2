import type { Migration } from '@stepwise/database';
import { intakeSql } from './outbox-intake.migration';

/**
 * `nudges.take_in_outbox` (0422) again, the same in what it takes and writes, in time that no longer
 * grows with the backlog: the candidates are locked in a materialised CTE. As a subquery, the
 * planner pushed the "still unrelayed" test into it and, with no statistics on the outbox, read the
 * whole unrelayed index beside the keys: 115 ms of a 238 ms call with 1,265,573 rows waiting, so a
 * backlog took time in its square (docs/benchmarks.md, The outbox intake by key). The rest of the
 * function is 0422's, word for word.
 */
const SUBQUERY_LOCK = `  -- Locked by key, then those still unrelayed kept (by key, so no plan reads every unrelayed row).
  mine := ARRAY(
    SELECT locked.nudge_id FROM (SELECT o.nudge_id, o.relayed_at FROM nudges.outbox o WHERE o.nudge_id = ANY(p_candidates) FOR UPDATE SKIP LOCKED) AS locked
    WHERE locked.relayed_at IS NULL);`;

const FENCED_LOCK = `  -- Locked by key, then those still unrelayed kept: the fence keeps the second test out of the first.
  mine := ARRAY(
    WITH locked AS MATERIALIZED (SELECT o.nudge_id, o.relayed_at FROM nudges.outbox o WHERE o.nudge_id = ANY(p_candidates) FOR UPDATE SKIP LOCKED)
    SELECT locked.nudge_id FROM locked WHERE locked.relayed_at IS NULL);`;

const replacing = (sql: string, from: string, to: string): string => {
  if (!sql.includes(from)) throw new Error(`0435_nudge_outbox_intake_by_key: 0422 no longer holds ${JSON.stringify(from.slice(0, 40))}`);
  return sql.replace(from, to);
};

const intakeByKeySql = replacing(replacing(intakeSql, 'CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'), SUBQUERY_LOCK, FENCED_LOCK);

export const outboxIntakeByKeyMigration: Migration = { name: '0435_nudge_outbox_intake_by_key', sql: intakeByKeySql };
