/** Momentum and loop discipline from step facts: steps taken per week, the owner's reflection within the window and the median time to it, open and overdue steps (on journeys still under way). */
import type { FactsFragment, FactsQuery } from './analytics-facts.query';

export const stepFacts = (q: FactsQuery): FactsFragment => ({
  ctes: [
    `steps_taken AS (
       SELECT s.taken_at, s.first_owner_reflection_at FROM ${q.table('steps')} s
       WHERE ${q.rows('s')} AND s.taken_at >= ${q.from} AND s.taken_at < ${q.to})`,
  ],
  fields: {
    steps_weekly: `(SELECT json_agg(w) FROM (SELECT ${q.weekOf('s.taken_at')} AS week, count(*)::int AS taken FROM steps_taken s GROUP BY 1) w)`,
    loop: `(SELECT json_build_object(
       'taken', count(*)::int,
       'in_window', count(*) FILTER (WHERE s.first_owner_reflection_at <= s.taken_at + make_interval(hours => ${q.reflectionWindowHours}::int))::int,
       'median_hours', percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.first_owner_reflection_at - s.taken_at) / 3600))
     FROM steps_taken s)`,
    // Open: planned, not yet taken or dropped, on a journey still under way (a completed or abandoned
    // journey's steps can never be taken or dropped; a paused one's can, once it resumes). Overdue:
    // open and past due. Judged from the journey's status when read, so projections stay clock-free.
    open_steps: `(SELECT json_build_object(
       'open', count(*)::int,
       'overdue', count(*) FILTER (WHERE s.due_on < ${q.today}::date)::int)
     FROM ${q.table('steps')} s
     JOIN ${q.table('journeys')} j ON j.tenant_id = s.tenant_id AND j.journey_id = s.journey_id AND j.status IN ('ACTIVE', 'PAUSED')
     WHERE ${q.rows('s')} AND s.status = 'PLANNED')`,
  },
});
