/** What is waiting in a scope: stalled journeys, open support requests, commitments (kept, missed, open, overdue in each member's timezone), and participation in the last 7 days. Times are epoch milliseconds. */
import { ANALYTICS_LIST_LIMIT } from '@stepwise/analytics-application/read';
import type { FactsFragment, FactsQuery } from './analytics-facts.query';
import { epochMsSql as ms, personJoinSql, personOfSql } from './analytics-query.params';

/** Since when a journey (`alias`) has not moved: its last step, or its start, or its last resume when later (GREATEST ignores a null). */
export const QUIET_SINCE_SQL = (alias: string): string => `GREATEST(COALESCE(${alias}.last_step_taken_at, ${alias}.started_at), ${alias}.resumed_at)`;

export const stalledFacts = (q: FactsQuery): FactsFragment => ({
  ctes: [
    `stalled AS (
       SELECT j.journey_id, j.title, j.status, j.started_at, j.last_step_taken_at, j.resumed_at, ${QUIET_SINCE_SQL('j')} AS quiet_since FROM ${q.table('journeys')} j
       WHERE ${q.rows('j')} AND j.status = 'ACTIVE' AND ${QUIET_SINCE_SQL('j')} <= ${q.stalledCutoff})`,
  ],
  fields: {
    stalled_count: '(SELECT count(*)::int FROM stalled)',
    stalled: `(SELECT json_agg(json_build_object('journey_id', s.journey_id, 'title', s.title, 'status', s.status, 'started_at', ${ms('s.started_at')},
         'last_step_taken_at', ${ms('s.last_step_taken_at')}, 'resumed_at', ${ms('s.resumed_at')}) ORDER BY s.quiet_since, s.journey_id) FROM (
       SELECT * FROM stalled ORDER BY quiet_since, journey_id LIMIT ${ANALYTICS_LIST_LIMIT}) s)`,
  },
});

export const supportFacts = (q: FactsQuery): FactsFragment => ({
  ctes: [
    `open_support AS (
       SELECT s.journey_id, s.request_id, s.requested_at FROM ${q.table('support_requests')} s
       WHERE ${q.rows('s')} AND s.offered_at IS NULL)`,
  ],
  fields: {
    support_count: '(SELECT count(*)::int FROM open_support)',
    support: `(SELECT json_agg(json_build_object('journey_id', s.journey_id, 'request_id', s.request_id, 'requested_at', ${ms('s.requested_at')}) ORDER BY s.requested_at, s.request_id) FROM (
       SELECT * FROM open_support ORDER BY requested_at, request_id LIMIT ${ANALYTICS_LIST_LIMIT}) s)`,
  },
});

/**
 * Open: not yet kept or missed, on any journey (an ended journey's commitments can still be marked).
 * Overdue: open and past due on a journey still under way, as the COMMITMENTS_OVERDUE finding and the
 * commitment nudges judge it; once a journey is completed or abandoned nothing in it is chased.
 */
export const commitmentFacts = (q: FactsQuery): FactsFragment => {
  const resolvedInWindow = `c.resolved_at >= ${q.from} AND c.resolved_at < ${q.to}`;
  return {
    fields: {
      commitments: `(SELECT json_build_object(
         'kept', count(*) FILTER (WHERE c.status = 'KEPT' AND ${resolvedInWindow})::int,
         'missed', count(*) FILTER (WHERE c.status = 'MISSED' AND ${resolvedInWindow})::int,
         'open', count(*) FILTER (WHERE c.status = 'OPEN')::int,
         'overdue', count(*) FILTER (WHERE c.status = 'OPEN' AND j.status IN ('ACTIVE', 'PAUSED')
           AND c.due_on < (${q.now}::timestamptz AT TIME ZONE COALESCE(mt.timezone, 'UTC'))::date)::int)
       FROM ${q.table('commitments')} c
       LEFT JOIN ${q.table('journeys')} j ON j.tenant_id = c.tenant_id AND j.journey_id = c.journey_id
       LEFT JOIN ${q.table('member_timezones')} mt ON mt.tenant_id = c.tenant_id AND mt.member_id = c.member_id
       WHERE ${q.rows('c')})`,
    },
  };
};

/** Members: on the team at any time in the 7 days (from the membership history); reflected: those of them who reflected in the scope then; both counted as persons (personOfSql). */
export const participationFacts = (q: FactsQuery): FactsFragment => ({
  ctes: [
    `members AS (
       SELECT DISTINCT m.member_id, ${personOfSql('m')} AS person FROM ${q.table('memberships')} m ${personJoinSql('m')}
       WHERE ${q.teamRows('m')} AND m.joined_at < ${q.participationTo} AND (m.left_at IS NULL OR m.left_at > ${q.participationFrom}))`,
  ],
  fields: {
    participation: `json_build_object(
       'members', (SELECT count(DISTINCT person)::int FROM members),
       'reflected', (SELECT count(DISTINCT m.person)::int FROM members m WHERE EXISTS (SELECT 1 FROM ${q.table('reflections')} r
         WHERE ${q.rows('r')} AND r.at >= ${q.participationFrom} AND r.at < ${q.participationTo} AND r.member_id = m.member_id)))`,
  },
});
