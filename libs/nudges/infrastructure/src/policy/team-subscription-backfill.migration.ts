import type { Migration } from '@stepwise/database';

/**
 * Team documents stored before the policy kept the subscription (`subscriptionStatus`,
 * `writableSince`) are taken as writable, so a team that had lapsed before then went on being
 * nudged until its next subscription event. This fills both fields in from the event log, as the
 * policy would have kept them: from the team's subscription events up to the policy's checkpoint
 * (events after it are still to come to the policy, which records them itself). Last such event:
 * TeamSubscribed sets its status, SubscriptionChanged its `toStatus`, SubscriptionCancelled
 * CANCELLED; `writableSince` is the `at` of the last event that made the team writable (a
 * subscription, or a change from PAST_DUE to TRIALING or ACTIVE). A team created and never
 * subscribed gets null (read-only). Documents that already hold the field, and teams whose events
 * are not in this database's log (another event store), are left as they are.
 */
const WRITABLE = `('TRIALING', 'ACTIVE')`;

const backfillSql = `
WITH checkpoint AS (
  SELECT tx_id, global_position FROM es_checkpoints WHERE processor = 'nudge-policy'
),
team_events AS (
  SELECT e.tenant_id, e.data ->> 'teamId' AS team_id, e.event_type, e.data, e.tx_id, e.global_position
  FROM es_events e, checkpoint c
  WHERE e.event_type IN ('TeamCreated', 'TeamSubscribed', 'SubscriptionChanged', 'SubscriptionCancelled')
    AND (e.tx_id, e.global_position) <= (c.tx_id, c.global_position)
),
last_status AS (
  SELECT DISTINCT ON (tenant_id, team_id) tenant_id, team_id,
    CASE event_type
      WHEN 'TeamSubscribed' THEN to_jsonb(data ->> 'status')
      WHEN 'SubscriptionChanged' THEN to_jsonb(data ->> 'toStatus')
      WHEN 'SubscriptionCancelled' THEN to_jsonb('CANCELLED'::text)
      ELSE 'null'::jsonb
    END AS status
  FROM team_events
  ORDER BY tenant_id, team_id, (event_type <> 'TeamCreated') DESC, tx_id DESC, global_position DESC
),
last_writable AS (
  SELECT DISTINCT ON (tenant_id, team_id) tenant_id, team_id, data ->> 'at' AS writable_since
  FROM team_events
  WHERE event_type = 'TeamSubscribed'
     OR (event_type = 'SubscriptionChanged' AND data ->> 'fromStatus' NOT IN ${WRITABLE} AND data ->> 'toStatus' IN ${WRITABLE})
  ORDER BY tenant_id, team_id, tx_id DESC, global_position DESC
)
UPDATE nudges.policy_documents d
SET document = d.document
  || jsonb_build_object('subscriptionStatus', s.status)
  || CASE WHEN w.writable_since IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('writableSince', w.writable_since) END
FROM last_status s
LEFT JOIN last_writable w ON w.tenant_id = s.tenant_id AND w.team_id = s.team_id
WHERE d.kind = 'team'
  AND d.tenant_id = s.tenant_id
  AND d.document_id = s.team_id
  AND d.document -> 'subscriptionStatus' IS NULL;
`;

export const teamSubscriptionBackfillMigration: Migration = { name: '0428_team_subscription_backfill', sql: backfillSql };
