/**
 * `stable_until`: how long the answer stays the same while the facts do not change. The answer reads
 * the clock (stalled journeys, overdue steps and commitments, the participation days, and the window
 * itself when it ends now), so for a given state of the fact tables it is a step function of `now`;
 * this is the first instant after `now` at which a step could fall (never later than the true one),
 * or null when none can. An answer kept for an instant `t` with `now <= t < stable_until` is the
 * answer for `t`. Epoch milliseconds.
 *
 * The steps, each the earliest of its rows in the scope:
 * - a window that ends now slides with the clock (the default window, and one given only `from`,
 *   taken here as sliding at both ends): a row in it leaves when the window's start passes it, a row
 *   dated after now enters when the clock reaches it;
 * - participation's 7 days end now while the window is open: a reflection or a membership that ended
 *   leaves 7 days after it, one dated after now enters when the clock reaches it;
 * - an active journey becomes stalled `stalledAfterDays` × 24 h after its last step (or its start, or
 *   its last resume when later);
 * - steps and commitments become overdue at a midnight: the next one in the organisation's timezone
 *   and in each timezone of a member with an open commitment.
 */
import type { FactsFragment, FactsQuery } from './analytics-facts.query';
import { epochMsSql as ms } from './analytics-query.params';
import { QUIET_SINCE_SQL } from './open-work.sql';

const DAY_MS = 86_400_000;

/** The tables whose rows count only inside the window, by the column that places them. */
const WINDOWED: readonly (readonly [table: string, column: string])[] = [
  ['reflections', 'at'],
  ['steps', 'taken_at'],
  ['pivots', 'at'],
  ['vision_revisions', 'at'],
  ['commitments', 'resolved_at'],
];

/** How far back clocks have ever been turned at once (Antarctica/Troll: 2 hours), and the steps between. */
const TURNED_BACK_BY = ['30 minutes', '1 hour', '90 minutes', '2 hours'];

/**
 * The next midnight after `now` in a timezone (an SQL expression), as epoch milliseconds: the first
 * instant whose local date is the next day. PostgreSQL reads a local time that happens twice (clocks
 * turned back across midnight, as Cuba's go from 01:00 to 00:00) as its later instant, an hour after
 * the date had already turned; so the earliest of that instant and the instants up to two hours
 * before it that already read as the next day's.
 */
export const nextMidnightSql = (now: string, timezone: string): string => {
  const midnight = `((${now}::timestamptz AT TIME ZONE ${timezone})::date + 1)::timestamp`;
  const read = `(${midnight} AT TIME ZONE ${timezone})`;
  const earlier = TURNED_BACK_BY.map((back) => `CASE WHEN ((${read} - interval '${back}') AT TIME ZONE ${timezone}) >= ${midnight} THEN ${read} - interval '${back}' END`);
  return ms(`LEAST(${read}, ${earlier.join(', ')})`);
};

export const validityFacts = (q: FactsQuery): FactsFragment => {
  const steps: string[] = [];
  const now = q.now;
  if (q.windowEndsNow) {
    for (const [table, column] of WINDOWED) {
      const x = `x.${column}`;
      // Leaves when the start, moving with the clock, passes it: at now + (at - from).
      steps.push(`(SELECT ${ms(`min(${x})`)} + ${ms(`${now}::timestamptz`)} - ${ms(`${q.from}::timestamptz`)} FROM ${q.table(table)} x WHERE ${q.rows('x')} AND ${x} >= ${q.from} AND ${x} < ${q.to})`);
      steps.push(`(SELECT ${ms(`min(${x})`)} FROM ${q.table(table)} x WHERE ${q.rows('x')} AND ${x} >= ${q.to})`);
    }
  }
  if (q.participationEndsNow) {
    const week = `${7 * DAY_MS}`;
    steps.push(`(SELECT ${ms('min(r.at)')} + ${week} FROM ${q.table('reflections')} r WHERE ${q.rows('r')} AND r.at >= ${q.participationFrom} AND r.at < ${q.participationTo})`);
    steps.push(`(SELECT ${ms('min(r.at)')} FROM ${q.table('reflections')} r WHERE ${q.rows('r')} AND r.at >= ${q.participationTo})`);
    steps.push(`(SELECT ${ms('min(m.left_at)')} + ${week} FROM ${q.table('memberships')} m WHERE ${q.teamRows('m')} AND m.left_at > ${q.participationFrom})`);
    steps.push(`(SELECT ${ms('min(m.joined_at)')} FROM ${q.table('memberships')} m WHERE ${q.teamRows('m')} AND m.joined_at >= ${q.participationTo})`);
  }
  const quietSince = QUIET_SINCE_SQL('j');
  steps.push(
    `(SELECT ${ms(`min(${quietSince})`)} + ${q.stalledAfterDays}::bigint * ${DAY_MS} FROM ${q.table('journeys')} j
      WHERE ${q.rows('j')} AND j.status = 'ACTIVE' AND ${quietSince} > ${q.stalledCutoff})`,
  );
  steps.push(`${q.nextMidnightMs}::bigint`);
  steps.push(
    `(SELECT min(${nextMidnightSql(now, 'z.timezone')}) FROM (
       SELECT DISTINCT COALESCE(mt.timezone, 'UTC') AS timezone FROM ${q.table('commitments')} c
       LEFT JOIN ${q.table('member_timezones')} mt ON mt.tenant_id = c.tenant_id AND mt.member_id = c.member_id
       WHERE ${q.rows('c')} AND c.status = 'OPEN') z)`,
  );
  return { fields: { stable_until: `LEAST(\n${steps.join(',\n')})` } };
};
