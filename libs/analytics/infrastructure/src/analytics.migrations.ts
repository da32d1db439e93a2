import type { Migration } from '@stepwise/database';
import { analyticsPendingSinceSql } from './analytics-pending.sql';
import { analyticsSchemaSql, journeysResumedAtSql, LIVE_ANALYTICS_SCHEMA, memberPersonsSql } from './analytics.schema';

/** The live analytics fact tables. A change of their shape is a new migration and a rebuild (`npm run rebuild-analytics`). */
export const analyticsMigrations: Migration[] = [
  { name: '0300_analytics_facts', sql: analyticsSchemaSql(LIVE_ANALYTICS_SCHEMA) },
  // Member timezones projected before the projection read them as the timezone rule does: a name
  // PostgreSQL does not know failed every query judging overdue in it. Read as UTC, as now projected.
  {
    name: '0301_analytics_member_timezones_known',
    sql: `
-- Every tenant's rows at once: the owner steps out of forced row-level security for this statement only.
ALTER TABLE ${LIVE_ANALYTICS_SCHEMA}.member_timezones NO FORCE ROW LEVEL SECURITY;
UPDATE ${LIVE_ANALYTICS_SCHEMA}.member_timezones SET timezone = 'UTC' WHERE timezone NOT IN (SELECT name FROM pg_timezone_names);
ALTER TABLE ${LIVE_ANALYTICS_SCHEMA}.member_timezones FORCE ROW LEVEL SECURITY;
`,
  },
  // A resumed journey was judged stalled from its last step, the weeks it was paused included (the
  // stalled nudge counts from the resume). Journeys resumed before this get their last resume from
  // the log, as the projection writes it.
  {
    name: '0302_analytics_journeys_resumed_at',
    sql: `${journeysResumedAtSql(LIVE_ANALYTICS_SCHEMA)}
-- Every tenant's rows at once: the owner steps out of forced row-level security for this statement only.
ALTER TABLE ${LIVE_ANALYTICS_SCHEMA}.journeys NO FORCE ROW LEVEL SECURITY;
UPDATE ${LIVE_ANALYTICS_SCHEMA}.journeys j SET resumed_at = resumed.at
FROM (
  SELECT tenant_id, data->>'journeyId' AS journey_id, max((data->>'at')::timestamptz) AS at
  FROM es_events WHERE event_type = 'JourneyResumed'
  GROUP BY tenant_id, data->>'journeyId'
) resumed
WHERE j.tenant_id = resumed.tenant_id AND j.journey_id = resumed.journey_id;
ALTER TABLE ${LIVE_ANALYTICS_SCHEMA}.journeys FORCE ROW LEVEL SECURITY;
`,
  },
  // Loop discipline matched a step's owner by member id: someone removed and added again, reflecting
  // under their new id on the step they own under the old one, did not close its loop. The facts now
  // know each member id's person; steps already projected take it at the next npm run rebuild-analytics
  // (until then they match by member id, as before).
  { name: '0303_analytics_member_persons', sql: memberPersonsSql(LIVE_ANALYTICS_SCHEMA) },
  // A finished week was shown to aggregate-only readers as soon as it ended, before the analytics
  // had counted its last answers: read twice, it could differ by one person's answer.
  { name: '0304_analytics_pending_since', sql: analyticsPendingSinceSql },
];
