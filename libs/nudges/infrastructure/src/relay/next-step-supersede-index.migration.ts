import type { Migration } from '@stepwise/database';

/**
 * What the relay's superseding of next-step nudges reads (outbox-intake.ts, SUPERSEDE_NEXT_STEP): a
 * member's earlier next-step nudges for a journey that still wait. Waiting rows only, as the
 * stalled-journey nudges' index (0437): small, and nothing once a nudge is settled.
 */
const indexSql = `
CREATE INDEX member_nudges_next_step_waiting ON nudges.member_nudges (tenant_id, member_id, journey_id)
  WHERE rule = 'NEXT_STEP' AND state = 'SCHEDULED';
`;

export const nextStepSupersedeIndexMigration: Migration = { name: '0440_nudge_next_step_supersede_index', sql: indexSql };
