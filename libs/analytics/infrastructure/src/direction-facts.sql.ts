/** Direction and comfort counts in SQL: one row per week and one for the whole window (GROUPING SETS). */
import { closerRate, type DirectionSummary } from '@stepwise/analytics-domain';
import type { AnalyticsScope } from '@stepwise/analytics-application/read';
import type { SqlExecutor } from '@stepwise/database';
import { scopeClause, SqlParams, weekOfSql } from './analytics-query.params';

export interface DirectionCountsRow {
  yes: number;
  no: number;
  unsure: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  comfort_sum: number | string | null;
  answers: number;
  flowing: number;
  stretching: number;
  stuck: number;
  coasting: number;
  people: number;
}

export const DIRECTION_COLUMNS = `
  count(*) FILTER (WHERE r.closer = 'YES')::int AS yes,
  count(*) FILTER (WHERE r.closer = 'NO')::int AS no,
  count(*) FILTER (WHERE r.closer = 'UNSURE')::int AS unsure,
  count(*) FILTER (WHERE r.comfort = 1)::int AS c1,
  count(*) FILTER (WHERE r.comfort = 2)::int AS c2,
  count(*) FILTER (WHERE r.comfort = 3)::int AS c3,
  count(*) FILTER (WHERE r.comfort = 4)::int AS c4,
  count(*) FILTER (WHERE r.comfort = 5)::int AS c5,
  sum(r.comfort) AS comfort_sum,
  count(r.closer)::int AS answers,
  count(*) FILTER (WHERE r.closer = 'YES' AND r.comfort >= 3)::int AS flowing,
  count(*) FILTER (WHERE r.closer = 'YES' AND r.comfort <= 2)::int AS stretching,
  count(*) FILTER (WHERE r.closer = 'NO' AND r.comfort <= 2)::int AS stuck,
  count(*) FILTER (WHERE r.closer = 'NO' AND r.comfort >= 3)::int AS coasting,
  count(DISTINCT r.member_id)::int AS people`;

export const toDirectionSummary = (row: DirectionCountsRow | undefined): DirectionSummary => {
  const n = (value: unknown): number => Number(value ?? 0);
  const answers = n(row?.answers);
  return {
    yes: n(row?.yes),
    no: n(row?.no),
    unsure: n(row?.unsure),
    closerRate: closerRate({ yes: n(row?.yes), no: n(row?.no) }),
    comfortMean: answers === 0 ? null : n(row?.comfort_sum) / answers,
    comfortDistribution: [n(row?.c1), n(row?.c2), n(row?.c3), n(row?.c4), n(row?.c5)],
    quadrants: { FLOWING: n(row?.flowing), STRETCHING: n(row?.stretching), STUCK: n(row?.stuck), COASTING: n(row?.coasting) },
    people: n(row?.people),
  };
};

export interface WindowArgs {
  readonly tenantId: string;
  readonly scope: AnalyticsScope;
  readonly from: Date;
  readonly to: Date;
  readonly timezone: string;
}

/** The window's direction (week null) and each week's, from reflection facts. */
export const directionByWeek = async (tx: SqlExecutor, schema: string, args: WindowArgs): Promise<{ total: DirectionSummary; weeks: Map<string, DirectionSummary> }> => {
  const params = new SqlParams();
  const where = scopeClause('r', args.scope, params, args.tenantId);
  const { rows } = await tx.query<DirectionCountsRow & { week: string | null }>(
    `SELECT r.week, ${DIRECTION_COLUMNS}
     FROM (SELECT r.*, ${weekOfSql('r.at', params.add(args.timezone))} AS week FROM ${schema}.reflections r
           WHERE ${where} AND r.at >= ${params.add(args.from)} AND r.at < ${params.add(args.to)}) r
     GROUP BY GROUPING SETS ((r.week), ())`,
    params.values,
  );
  const weeks = new Map<string, DirectionSummary>();
  let total: DirectionSummary = toDirectionSummary(undefined);
  for (const row of rows) {
    if (row.week === null) total = toDirectionSummary(row);
    else weeks.set(row.week, toDirectionSummary(row));
  }
  return { total, weeks };
};
