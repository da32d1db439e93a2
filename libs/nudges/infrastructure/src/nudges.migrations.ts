import type { Migration } from '@stepwise/database';
import { nudgeDeliveryMigration } from './delivery/nudge-delivery.migration';
import { nudgeDeliveryIndexesMigration } from './delivery/nudge-delivery-indexes.migration';
import { memberDayCountIndexesMigration } from './delivery/member-day-count-indexes.migration';
import { memberSettlementMigration } from './delivery/member-settlement.migration';
import { sharedChannelPostsMigration } from './delivery/shared-channel-posts.migration';
import { deadLettersOwedOrderMigration } from './history/dead-letters-owed-order.migration';
import { endpointDeliveriesOrderMigration } from './history/endpoint-deliveries-order.migration';
import { memberNudgesOwedOrderMigration } from './history/member-nudges-owed-order.migration';
import { nudgeHistoryCommandsMigration } from './history/nudge-history-commands.migration';
import { memberSubjectsBackfillMigration } from './policy/member-subjects-backfill.migration';
import { nudgePolicyMigration } from './policy/nudge-policy.migration';
import { teamSubscriptionBackfillMigration } from './policy/team-subscription-backfill.migration';
import { journeyDirectionRepairMigration } from './policy/journey-direction-repair.migration';
import { stalledSupersedeIndexesMigration } from './relay/stalled-supersede-indexes.migration';
import { deadLettersRecipientOnlyMigration } from './history/dead-letters-recipient-only.migration';
import { deadMemberNudgesRepairMigration } from './relay/dead-member-nudges-repair.migration';
import { outboxIntakeByKeyMigration } from './relay/outbox-intake-by-key.migration';
import { outboxIntakeMigration } from './relay/outbox-intake.migration';
import { nudgeHistoryRetentionMigration } from './history/nudge-history-retention.migration';
import { nextStepSupersedeIndexMigration } from './relay/next-step-supersede-index.migration';

/**
 * The nudge outbox: what the policy decided is owed, written in the same transaction as the policy's
 * checkpoint, drained by the relay into BullMQ.
 *
 * Access design: the relay and the delivery processors work across tenants, so this table is not
 * under row-level security and is not granted to the tenant role (`stepwise_app`): only the owner
 * connection the worker runs its processors on reads or writes it. Every row carries its tenant_id,
 * and a processor re-enters that tenant's context before it touches any tenant-scoped table.
 * Members read their nudges through a tenant-scoped table of their own, never through this one.
 */
const outboxSql = `
CREATE SCHEMA IF NOT EXISTS nudges;
CREATE TABLE nudges.outbox (
  nudge_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  rule text NOT NULL,
  recipient_id text NOT NULL,
  journey_id text,
  team_id text,
  subject_id text NOT NULL,
  dedupe_key text NOT NULL,
  due_at timestamptz NOT NULL,
  facts jsonb NOT NULL,
  caused_by_position bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Set by the relay once BullMQ holds a job for the row; NULL rows are what the relay still owes.
  relayed_at timestamptz,
  UNIQUE (tenant_id, dedupe_key)
);
CREATE INDEX outbox_unrelayed ON nudges.outbox (due_at) WHERE relayed_at IS NULL;
`;

export const nudgesMigrations: Migration[] = [{ name: '0400_nudges_outbox', sql: outboxSql }, nudgePolicyMigration, nudgeDeliveryMigration, nudgeDeliveryIndexesMigration, outboxIntakeMigration, memberSettlementMigration, nudgeHistoryCommandsMigration, memberDayCountIndexesMigration, memberNudgesOwedOrderMigration, deadLettersOwedOrderMigration, teamSubscriptionBackfillMigration, sharedChannelPostsMigration, deadMemberNudgesRepairMigration, memberSubjectsBackfillMigration, outboxIntakeByKeyMigration, journeyDirectionRepairMigration, stalledSupersedeIndexesMigration, deadLettersRecipientOnlyMigration, nudgeHistoryRetentionMigration, nextStepSupersedeIndexMigration, endpointDeliveriesOrderMigration];
