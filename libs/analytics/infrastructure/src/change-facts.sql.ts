/**
 * Pivots, vision revisions and the journeys that may need attention, with what their comparisons
 * read: every reflection and pivot of the journeys that pivoted or were revised, and when the ones
 * that pivoted first had a direction (closer rate around a pivot, transition dips), grouped by journey. Above one team only the pivots' count and median
 * are read. Times are epoch milliseconds.
 */
import { ANALYTICS_LIST_LIMIT, ATTENTION_JOURNEYS_LIMIT } from '@stepwise/analytics-application/read';
import type { FactsFragment, FactsQuery } from './analytics-facts.query';
import { epochMsSql as ms, personJoinSql, personOfSql } from './analytics-query.params';

/**
 * `pivot_summary`: how many pivots in the window, the median hours from the first NO of their run,
 * and how many distinct people gave those first NOs (one per pivot, should two answer NO at the same
 * instant: never more people than there were), which says whether the median describes one answer.
 */
export const pivotSummaryFacts = (q: FactsQuery): FactsFragment => ({
  ctes: [
    `pivots_in_window AS (
       SELECT p.pivot_id, p.journey_id, p.at, p.first_no_at,
         (SELECT ${personOfSql('r')} FROM ${q.table('reflections')} r ${personJoinSql('r')}
            WHERE r.tenant_id = p.tenant_id AND r.journey_id = p.journey_id AND r.at = p.first_no_at AND r.closer = 'NO'
            ORDER BY r.member_id LIMIT 1) AS first_no_by
       FROM ${q.table('pivots')} p
       WHERE ${q.rows('p')} AND p.at >= ${q.from} AND p.at < ${q.to})`,
  ],
  fields: {
    pivot_summary: `(SELECT json_build_object(
       'count', count(*)::int,
       'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.at - p.first_no_at) / 3600),
       'first_no_people', count(DISTINCT p.first_no_by)::int)
     FROM pivots_in_window p)`,
  },
});

const pivotJson = (alias: string): string =>
  `json_build_object('pivot_id', ${alias}.pivot_id, 'journey_id', ${alias}.journey_id, 'at', ${ms(`${alias}.at`)}, 'first_no_at', ${ms(`${alias}.first_no_at`)})`;

/** Within one team: the latest pivots and revisions (at most ANALYTICS_LIST_LIMIT each, newest first), the active journeys' attention facts (at most ATTENTION_JOURNEYS_LIMIT), and the history around them (needs pivotSummaryFacts). */
export const journeyChangeFacts = (q: FactsQuery): FactsFragment => ({
  ctes: [
    `pivot_items AS (SELECT * FROM pivots_in_window ORDER BY at DESC, pivot_id LIMIT ${ANALYTICS_LIST_LIMIT})`,
    // The latest revisions, as the latest pivots: a leader reads the dips after them first.
    `revision_items AS (
       SELECT v.journey_id, v.version, v.at FROM ${q.table('vision_revisions')} v
       WHERE ${q.rows('v')} AND v.at >= ${q.from} AND v.at < ${q.to}
       ORDER BY v.at DESC, v.journey_id, v.version DESC LIMIT ${ANALYTICS_LIST_LIMIT})`,
    // Journeys with something waiting first (a support request, an overdue commitment), then the
    // quietest (the likeliest stalled), so a team with more than the limit still hears of them.
    `attention AS (
       SELECT * FROM (
       SELECT j.journey_id, j.title, j.status, j.started_at, j.last_step_taken_at, j.resumed_at, j.last_pivot_at,
         (SELECT json_agg(json_build_array(x.closer, ${ms('x.at')}) ORDER BY x.at DESC) FROM (SELECT r.closer, r.at FROM ${q.table('reflections')} r
            WHERE r.tenant_id = j.tenant_id AND r.journey_id = j.journey_id ORDER BY r.at DESC, r.reflection_id DESC LIMIT 4) x) AS recent,
         (SELECT json_agg(${ms('s.requested_at')} ORDER BY s.requested_at) FROM ${q.table('support_requests')} s
            WHERE s.tenant_id = j.tenant_id AND s.journey_id = j.journey_id AND s.offered_at IS NULL) AS support,
         (SELECT max(v.at) FROM ${q.table('vision_revisions')} v WHERE v.tenant_id = j.tenant_id AND v.journey_id = j.journey_id) AS last_revision_at,
         (SELECT min(d.at) FROM ${q.table('direction_history')} d WHERE d.tenant_id = j.tenant_id AND d.journey_id = j.journey_id AND d.pivot_id IS NULL) AS direction_set_at,
         (SELECT count(*)::int FROM ${q.table('commitments')} c
            LEFT JOIN ${q.table('member_timezones')} mt ON mt.tenant_id = c.tenant_id AND mt.member_id = c.member_id
            WHERE c.tenant_id = j.tenant_id AND c.journey_id = j.journey_id AND c.status = 'OPEN'
              AND c.due_on < (${q.now}::timestamptz AT TIME ZONE COALESCE(mt.timezone, 'UTC'))::date) AS overdue
       FROM ${q.table('journeys')} j WHERE ${q.rows('j')} AND j.status IN ('ACTIVE', 'PAUSED')) candidates
       ORDER BY (candidates.support IS NOT NULL OR candidates.overdue > 0) DESC,
         GREATEST(candidates.started_at, candidates.last_step_taken_at, candidates.resumed_at), candidates.journey_id
       LIMIT ${ATTENTION_JOURNEYS_LIMIT})`,
    `around AS (
       SELECT journey_id FROM pivot_items UNION SELECT journey_id FROM revision_items
       UNION SELECT journey_id FROM attention WHERE last_revision_at IS NOT NULL)`,
  ],
  fields: {
    pivots: `(SELECT json_agg(${pivotJson('p')} ORDER BY p.at DESC, p.pivot_id) FROM pivot_items p)`,
    revisions: `(SELECT json_agg(json_build_object('journey_id', v.journey_id, 'version', v.version, 'at', ${ms('v.at')}) ORDER BY v.at DESC, v.journey_id, v.version DESC) FROM revision_items v)`,
    attention: `(SELECT json_agg(json_build_object(
       'journey_id', a.journey_id, 'title', a.title, 'status', a.status, 'started_at', ${ms('a.started_at')},
       'last_step_taken_at', ${ms('a.last_step_taken_at')}, 'resumed_at', ${ms('a.resumed_at')}, 'last_pivot_at', ${ms('a.last_pivot_at')}, 'direction_set_at', ${ms('a.direction_set_at')}, 'recent', a.recent, 'support', a.support,
       'last_revision_at', ${ms('a.last_revision_at')}, 'overdue', a.overdue) ORDER BY a.started_at, a.journey_id) FROM attention a)`,
    // Per journey, oldest first: [closer, comfort, at].
    reflections_around: `(SELECT json_object_agg(x.journey_id, x.reflections) FROM (
       SELECT r.journey_id, json_agg(json_build_array(r.closer, r.comfort, ${ms('r.at')}) ORDER BY r.at, r.reflection_id) AS reflections
       FROM ${q.table('reflections')} r WHERE r.tenant_id = ${q.tenant} AND r.journey_id IN (SELECT journey_id FROM around)
       GROUP BY r.journey_id) x)`,
    pivots_around: `(SELECT json_agg(${pivotJson('p')} ORDER BY p.at)
       FROM ${q.table('pivots')} p WHERE p.tenant_id = ${q.tenant} AND p.journey_id IN (SELECT journey_id FROM pivot_items))`,
    // When each of those journeys first had a direction: the answers before it are no side of its first pivot.
    directions_set_around: `(SELECT json_object_agg(d.journey_id, ${ms('d.at')}) FROM (
       SELECT d.journey_id, min(d.at) AS at FROM ${q.table('direction_history')} d
       WHERE d.tenant_id = ${q.tenant} AND d.journey_id IN (SELECT journey_id FROM pivot_items) AND d.pivot_id IS NULL
       GROUP BY d.journey_id) d)`,
  },
});
