/**
 * What members and admins do to the delivery path's records over the api: a member dismisses their
 * own nudge (it is hidden as dismissed, and one not yet delivered is not delivered); an admin replays
 * a dead delivery with a fresh attempt budget (the relay queues it again). These are operational
 * records, not domain facts, so they change in place, as the application role with the tenant set:
 * row-level security keeps the dismissal to the tenant's own nudges, and the replay goes through
 * `nudges.replay_dead_letter`, which acts on the tenant's own dead delivery only.
 *
 * A dead webhook delivery is replayed only while its endpoint would receive it (there, active, and
 * still subscribed to the delivery's type): replayed to a disabled endpoint it would be suppressed at
 * its first attempt, spent for good, so the admin is told to enable the endpoint first; to a removed
 * one, nothing could receive it.
 *
 * Each change records its command id and fingerprint in `nudges.history_commands` in the same
 * transaction, before it changes anything: an identical retry finds the record and answers the
 * record as it now reads (`replayed: true`) without changing it again; the id with another
 * fingerprint is refused. Two requests with one id at once wait on the record's key, so exactly one
 * of them changes the record. A change that fails rolls its record back with it.
 */
import { IdempotencyKeyReusedError } from '@stepwise/command-handling';
import { appRoleForTenantSql, type SqlDatabase, type SqlExecutor } from '@stepwise/database';
import type { Clock } from '@stepwise/kernel';
import type { NudgeHistoryChange, NudgeHistoryChanges, NudgeHistoryCommandResult } from '@stepwise/nudges-application';
import { sqlTime } from '../delivery/sql-time';
import { DeliveryNotDeadError, DeliveryNotFoundError, EndpointNotReceivingError, NudgeNotFoundError, type EndpointNotReceiving } from './nudge-history.errors';
import { assertSeesDeadLetters, DELIVERY_SELECT, MEMBER_NUDGE_SELECT, toDelivery, toMemberNudge, WAS_DEAD_LETTER } from './nudge-history.read-model';
import type { DeliveryView, MemberNudgeView } from './nudge-history.views';

const DISMISS = `
UPDATE nudges.member_nudges SET state = 'DISMISSED', dismissed_at = COALESCE(dismissed_at, $4), updated_at = $4
WHERE tenant_id = $1 AND member_id = $2 AND nudge_id = $3
RETURNING nudge_id, member_id, rule, title, body, state, suppressed_reason, channel, journey_id, team_id, due_at, delivered_at, dismissed_at, created_at`;

const RECORD_COMMAND = `
INSERT INTO nudges.history_commands (tenant_id, command_id, fingerprint, applied_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (tenant_id, command_id) DO NOTHING RETURNING command_id`;

/** A dead webhook delivery's endpoint as a replay needs it: there still, active, subscribed to the delivery's type (status null: removed). */
const REPLAY_TARGET = `
SELECT d.endpoint_id, e.status, e.subscriptions @> jsonb_build_array(d.event_type) AS subscribed
FROM nudges.tenant_deliveries d
LEFT JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.endpoint_id = d.endpoint_id
WHERE d.tenant_id = $1 AND d.delivery_id = $2 AND d.kind = 'WEBHOOK' AND d.state = 'DEAD'`;

type Row = Record<string, unknown>;

/**
 * Why the endpoint of a dead webhook delivery would not receive it now (undefined: it would, or the
 * delivery is no dead webhook delivery). Replayed to a disabled or unsubscribed endpoint, the
 * delivery would be suppressed as no longer relevant at its first attempt and could never be
 * replayed again, though the admin can turn the endpoint back on. A removed endpoint cannot come
 * back: its dead letters stay as the record of what it was not sent, and a replay, which nothing
 * could receive, is refused as well.
 */
const endpointNotReceiving = async (tx: SqlExecutor, tenantId: string, deliveryId: string): Promise<{ endpointId: string; reason: EndpointNotReceiving } | undefined> => {
  const { rows } = await tx.query<{ endpoint_id: string; status: string | null; subscribed: boolean | null }>(REPLAY_TARGET, [tenantId, deliveryId]);
  const target = rows[0];
  if (!target) return undefined;
  if (target.status === null) return { endpointId: target.endpoint_id, reason: 'REMOVED' };
  if (target.status !== 'ACTIVE') return { endpointId: target.endpoint_id, reason: 'DISABLED' };
  if (!target.subscribed) return { endpointId: target.endpoint_id, reason: 'UNSUBSCRIBED' };
  return undefined;
};

/** Records the command; false when its id was already applied with the same fingerprint (a retry), IDEMPOTENCY_KEY_REUSED when with another. */
const recordCommand = async (tx: SqlExecutor, change: NudgeHistoryChange, now: string): Promise<boolean> => {
  const { organisationId, commandId, fingerprint } = change;
  if ((await tx.query(RECORD_COMMAND, [organisationId, commandId, fingerprint, now])).rows.length > 0) return true;
  const { rows } = await tx.query<{ fingerprint: string }>('SELECT fingerprint FROM nudges.history_commands WHERE tenant_id = $1 AND command_id = $2', [organisationId, commandId]);
  if (rows[0]?.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
  return false;
};

export class NudgeHistoryActions implements NudgeHistoryChanges<MemberNudgeView, DeliveryView> {
  constructor(
    private readonly database: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  /** Dismisses the member's own nudge; dismissing it again changes nothing. */
  async dismiss(change: NudgeHistoryChange, nudgeId: string): Promise<NudgeHistoryCommandResult<MemberNudgeView>> {
    const now = sqlTime(this.clock.now());
    const key = [change.organisationId, change.memberId, nudgeId];
    return this.database.transaction(
      async (tx) => {
        const fresh = await recordCommand(tx, change, now);
        const { rows } = fresh ? await tx.query<Row>(DISMISS, [...key, now]) : await tx.query<Row>(`${MEMBER_NUDGE_SELECT} WHERE tenant_id = $1 AND member_id = $2 AND nudge_id = $3`, key);
        if (!rows[0]) throw new NudgeNotFoundError(nudgeId);
        return { view: toMemberNudge(rows[0]), replayed: !fresh };
      },
      { setupSql: appRoleForTenantSql(change.organisationId) },
    );
  }

  /**
   * Replays a dead delivery of the organisation: a fresh attempt budget, attempted again at once. Admins only.
   * Only a delivery an admin could have seen as a dead letter is named (DELIVERY_NOT_DEAD, the
   * endpoint's refusals); any other id is DELIVERY_NOT_FOUND, whether or not such a delivery exists.
   */
  async replay(change: NudgeHistoryChange, deliveryId: string): Promise<NudgeHistoryCommandResult<DeliveryView>> {
    assertSeesDeadLetters(change);
    const now = sqlTime(this.clock.now());
    return this.database.transaction(
      async (tx) => {
        const fresh = await recordCommand(tx, change, now);
        if (fresh && !(await wasDeadLetter(tx, change.organisationId, deliveryId))) throw new DeliveryNotFoundError(deliveryId);
        const notReceiving = fresh ? await endpointNotReceiving(tx, change.organisationId, deliveryId) : undefined;
        if (notReceiving) throw new EndpointNotReceivingError(deliveryId, notReceiving.endpointId, notReceiving.reason);
        const replayed = fresh && (await tx.query('SELECT nudges.replay_dead_letter($1, $2, $3) AS id', [deliveryId, change.memberId, now])).rows.length > 0;
        const { rows } = await tx.query<Row>(`${DELIVERY_SELECT} WHERE tenant_id = $1 AND delivery_id = $2`, [change.organisationId, deliveryId]);
        if (!rows[0]) throw new DeliveryNotFoundError(deliveryId);
        const delivery = toDelivery(rows[0]);
        if (fresh && !replayed) throw new DeliveryNotDeadError(deliveryId, delivery.state);
        return { view: delivery, replayed: !fresh };
      },
      { setupSql: appRoleForTenantSql(change.organisationId) },
    );
  }
}

/**
 * Whether the delivery is one the dead letters have shown admins (WAS_DEAD_LETTER): telling a
 * delivered or pending delivery from none would tell whether a nudge was owed, for a support nudge
 * owed on low comfort a person's comfort, which admins off the team may not read.
 */
const wasDeadLetter = async (tx: SqlExecutor, tenantId: string, deliveryId: string): Promise<boolean> => {
  const { rows } = await tx.query(`SELECT 1 FROM nudges.tenant_deliveries WHERE tenant_id = $1 AND delivery_id = $2 AND ${WAS_DEAD_LETTER}`, [tenantId, deliveryId]);
  return rows.length > 0;
};
