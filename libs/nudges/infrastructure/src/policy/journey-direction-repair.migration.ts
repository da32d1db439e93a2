import type { Migration } from '@stepwise/database';

/**
 * A run of NOs counts against a direction, so the policy keeps whether its journey has one
 * (`directionSet`, false from JourneyStarted). For a while its processor did not ask the log for
 * DirectionSet, so every journey started since read as having none and owed no "consider a pivot"
 * nudge. This sets `directionSet` on the documents stored false whose journey has a DirectionSet in
 * the log up to the policy's checkpoint (one after it is still to come to the policy, which records
 * it itself). The NOs answered meanwhile are not counted again: the run starts with the next one,
 * as after a pivot. Documents without the field (taken as set) and journeys whose events are not in
 * this database's log (another event store) are left as they are.
 */
const repairSql = `
WITH checkpoint AS (
  SELECT tx_id, global_position FROM es_checkpoints WHERE processor = 'nudge-policy'
),
directed AS (
  SELECT DISTINCT e.tenant_id, e.data ->> 'journeyId' AS journey_id
  FROM es_events e, checkpoint c
  WHERE e.event_type = 'DirectionSet' AND (e.tx_id, e.global_position) <= (c.tx_id, c.global_position)
)
UPDATE nudges.policy_documents d
SET document = jsonb_set(d.document, '{directionSet}', 'true'::jsonb)
FROM directed j
WHERE d.kind = 'journey'
  AND d.tenant_id = j.tenant_id
  AND d.document_id = j.journey_id
  AND d.document -> 'directionSet' = 'false'::jsonb;
`;

export const journeyDirectionRepairMigration: Migration = { name: '0436_nudge_journey_direction_repair', sql: repairSql };
