/** Direction and comfort counts in SQL (people counted as persons, personOfSql): one row per week and one for the whole window (GROUPING SETS), and the organisation's per-team breakdown. */
import { closerRate, type DirectionSummary } from '@stepwise/analytics-domain';
import type { FactsFragment, FactsQuery } from './analytics-facts.query';
import { epochMsSql as ms, personJoinSql, personOfSql } from './analytics-query.params';

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
  count(DISTINCT r.person)::int AS people`;

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

/**
 * `direction`: the window's counts (week null) and each week's, from reflection facts;
 * `journey_weeks`: each journey's counts in each week (what aggregate-only readers' figures are summed from).
 */
export const directionFacts = (q: FactsQuery): FactsFragment => ({
  ctes: [
    `reflected_in_window AS (
       SELECT r.*, ${q.weekOf('r.at')} AS week, ${personOfSql('r')} AS person FROM ${q.table('reflections')} r ${personJoinSql('r')}
       WHERE ${q.rows('r')} AND r.at >= ${q.from} AND r.at < ${q.to})`,
    `direction AS (
       SELECT r.week, ${DIRECTION_COLUMNS}
       FROM reflected_in_window r
       GROUP BY GROUPING SETS ((r.week), ()))`,
    `journey_weeks AS (
       SELECT r.journey_id, r.team_id, r.week, ${ms('min(r.at)')} AS first_at, ${DIRECTION_COLUMNS}
       FROM reflected_in_window r
       GROUP BY r.journey_id, r.team_id, r.week)`,
  ],
  fields: { direction: '(SELECT json_agg(d) FROM direction d)', journey_weeks: '(SELECT json_agg(j) FROM journey_weeks j)' },
});

/** `teams`: every team of the organisation with its counts over the window (teams nobody reflected in included). */
export const teamBreakdownFacts = (q: FactsQuery): FactsFragment => ({
  fields: {
    teams: `(SELECT json_agg(t ORDER BY t.name, t.team_id) FROM (
       SELECT t.team_id, t.name, ${DIRECTION_COLUMNS}
       FROM teams t LEFT JOIN (
         SELECT r.*, ${personOfSql('r')} AS person FROM ${q.table('reflections')} r ${personJoinSql('r')}
         WHERE r.tenant_id = ${q.tenant} AND r.at >= ${q.from} AND r.at < ${q.to}) r
         ON r.tenant_id = t.tenant_id AND r.team_id = t.team_id
       WHERE t.tenant_id = ${q.tenant}
       GROUP BY t.team_id, t.name) t)`,
  },
});
