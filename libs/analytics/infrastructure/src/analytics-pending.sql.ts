/**
 * How far the analytics tables are complete: the earliest business time (`data.at`) of the
 * organisation's events the analytics processor reads and has not applied yet. A finished week is
 * shown to aggregate-only readers only once every answer given in it is counted (see
 * finished-weeks.suppression), so a late answer never changes a week already shown.
 *
 * The application role may not read the event log, so a function owned by the migrating login
 * answers for the tenant the transaction acts as (its row-level-security setting), never for one
 * named by the caller. Past PENDING_CAP events behind, it answers -infinity: far behind, nothing is
 * complete, and the scan stays short.
 */
import { APP_ROLE, TENANT_SETTING } from '@stepwise/database';
import type { FactsFragment, FactsQuery } from './analytics-facts.query';
import { epochMsSql as ms } from './analytics-query.params';

export const PENDING_CAP = 10_000;

export const analyticsPendingSinceSql = `
CREATE OR REPLACE FUNCTION analytics_pending_since(p_processor text, p_types text[]) RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH done AS (
    SELECT COALESCE((SELECT c.tx_id FROM es_checkpoints c WHERE c.processor = p_processor), '0'::xid8) AS tx_id,
           COALESCE((SELECT c.global_position FROM es_checkpoints c WHERE c.processor = p_processor), 0) AS global_position
  ), pending AS (
    SELECT e.tenant_id, e.event_type, e.data FROM es_events e, done
    WHERE (e.tx_id, e.global_position) > (done.tx_id, done.global_position)
    ORDER BY e.tx_id, e.global_position
    LIMIT ${PENDING_CAP}
  )
  SELECT CASE WHEN count(*) >= ${PENDING_CAP} THEN '-infinity'::timestamptz ELSE min(
    CASE WHEN data->>'at' ~ '^\\d{4}-\\d{2}-\\d{2}T' THEN (data->>'at')::timestamptz END
  ) FILTER (WHERE tenant_id = current_setting('${TENANT_SETTING}', true) AND event_type = ANY(p_types)) END
  FROM pending
$$;
REVOKE ALL ON FUNCTION analytics_pending_since(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analytics_pending_since(text, text[]) TO ${APP_ROLE};
`;

/** `pending_since`: epoch milliseconds, null when nothing is pending (a very small number when far behind). */
export const pendingFacts = (q: FactsQuery, processor: string, eventTypes: readonly string[]): FactsFragment => ({
  fields: {
    pending_since: `(SELECT CASE WHEN p = '-infinity' THEN 0 ELSE ${ms('p')} END FROM analytics_pending_since(${q.params.named('pendingProcessor', processor)}, ${q.params.named('pendingTypes', [...eventTypes])}::text[]) AS p)`,
  },
});
