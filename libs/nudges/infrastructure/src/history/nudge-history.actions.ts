/**
 * What members and admins do to the delivery path's records over the api: a member dismisses their
 * own nudge (it is hidden as dismissed, and one not yet delivered is not delivered); an admin replays
 * a dead delivery with a fresh attempt budget (the relay queues it again). These are operational
 * records, not domain facts, so they change in place, as the application role with the tenant set:
 * row-level security keeps the dismissal to the tenant's own nudges, and the replay goes through
 * `nudges.replay_dead_letter`, which acts on the tenant's own dead delivery only.
 */
import { appRoleForTenantSql, type SqlDatabase } from '@stepwise/database';
import type { Clock } from '@stepwise/kernel';
import { sqlTime } from '../delivery/sql-time';
import { DeliveryNotDeadError, DeliveryNotFoundError, NudgeNotFoundError } from './nudge-history.errors';
import { assertSeesDeadLetters, toDelivery, toMemberNudge, type HistoryViewer } from './nudge-history.read-model';
import type { DeliveryView, MemberNudgeView } from './nudge-history.views';

const DISMISS = `
UPDATE nudges.member_nudges SET state = 'DISMISSED', dismissed_at = COALESCE(dismissed_at, $4), updated_at = $4
WHERE tenant_id = $1 AND member_id = $2 AND nudge_id = $3
RETURNING nudge_id, member_id, rule, title, body, state, suppressed_reason, channel, journey_id, team_id, due_at, delivered_at, dismissed_at, created_at`;

export class NudgeHistoryActions {
  constructor(
    private readonly database: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  /** Dismisses the viewer's own nudge; dismissing it again changes nothing. */
  async dismiss(viewer: HistoryViewer, nudgeId: string): Promise<MemberNudgeView> {
    const now = sqlTime(this.clock.now());
    const rows = await this.database.transaction(
      async (tx) => (await tx.query<Record<string, unknown>>(DISMISS, [viewer.organisationId, viewer.memberId, nudgeId, now])).rows,
      { setupSql: appRoleForTenantSql(viewer.organisationId) },
    );
    if (!rows[0]) throw new NudgeNotFoundError();
    return toMemberNudge(rows[0]);
  }

  /** Replays a dead delivery of the organisation: a fresh attempt budget, attempted again at once. Admins only. */
  async replay(viewer: HistoryViewer, deliveryId: string): Promise<DeliveryView> {
    assertSeesDeadLetters(viewer);
    const now = sqlTime(this.clock.now());
    const outcome = await this.database.transaction(
      async (tx) => {
        const { rows: replayed } = await tx.query<{ id: string | null }>('SELECT nudges.replay_dead_letter($1, $2, $3) AS id', [deliveryId, viewer.memberId, now]);
        const { rows } = await tx.query<Record<string, unknown>>(
          `SELECT delivery_id, kind, state, channel, event_type, nudge_id, member_id, endpoint_id, suppressed_reason, attempts, max_attempts, next_attempt_at,
             last_outcome, last_status_code, last_detail, last_attempt_at, created_at, finished_at, replays, replayed_at, replayed_by
           FROM nudges.tenant_deliveries WHERE tenant_id = $1 AND delivery_id = $2`,
          [viewer.organisationId, deliveryId],
        );
        return { replayed: replayed.length > 0, delivery: rows[0] };
      },
      { setupSql: appRoleForTenantSql(viewer.organisationId) },
    );
    if (!outcome.delivery) throw new DeliveryNotFoundError();
    const delivery = toDelivery(outcome.delivery);
    if (!outcome.replayed) throw new DeliveryNotDeadError(delivery.state);
    return delivery;
  }
}
