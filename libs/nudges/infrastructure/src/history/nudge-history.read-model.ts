/**
 * A member's nudges and an organisation's deliveries, read for the api through the tenant reader
 * (the application role, the tenant set): member_nudges under its row-level security, deliveries and
 * attempts through their tenant views. Who may see what is decided here, beside the reads: a member
 * sees their own nudges; dead letters and attempts are the organisation's admins'.
 */
import type { TenantReader } from '@stepwise/database';
import { afterKeyOf, listWithin, notACursor, pageSizeOf, toPage, type CursorList, type Page, type PageRequest } from '@stepwise/kernel';
import type { MemberNudgeState } from '../delivery/delivery.records';
import { AdminRequiredError } from './nudge-history.errors';
import type { DeliveryAttemptView, DeliveryView, MemberNudgeView } from './nudge-history.views';

export interface HistoryViewer {
  readonly organisationId: string;
  readonly memberId: string;
  readonly orgRole: 'ADMIN' | 'MEMBER';
}

export const MEMBER_NUDGE_SELECT = `SELECT nudge_id, member_id, rule, title, body, state, suppressed_reason, channel, journey_id, team_id, due_at, delivered_at, dismissed_at, created_at
  FROM nudges.member_nudges`;
export const DELIVERY_SELECT = `SELECT delivery_id, kind, state, channel, event_type, nudge_id, member_id, endpoint_id, suppressed_reason, attempts, max_attempts, next_attempt_at,
  last_outcome, last_status_code, last_detail, last_attempt_at, created_at, finished_at, replays, replayed_at, replayed_by
  FROM nudges.tenant_deliveries`;

type Row = Record<string, unknown>;

/**
 * A delivery the dead letters have shown admins: dead now, or dead once and replayed since, of a
 * rule admins may know of (not `recipient_only`, RECIPIENT_ONLY_RULES). Only these are named to an
 * admin by id (a cursor, a replay); any other id reads as none, since delivery ids follow from ids
 * admins see and a delivered one would tell that a nudge was owed.
 */
export const WAS_DEAD_LETTER = `((state = 'DEAD' OR replays > 0) AND NOT recipient_only)`;
const time = (value: unknown): Date => new Date(value as string);
const maybeTime = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));
const maybeNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export const toMemberNudge = (row: Row): MemberNudgeView => ({
  nudgeId: row.nudge_id as string,
  memberId: row.member_id as string,
  rule: row.rule as MemberNudgeView['rule'],
  title: row.title as string,
  text: row.body as string,
  state: row.state as MemberNudgeView['state'],
  // Why it was not delivered: kept when the member dismisses it after, as a delivered one keeps deliveredAt.
  suppressedReason: (row.state === 'SUPPRESSED' || row.state === 'DISMISSED' ? (row.suppressed_reason ?? null) : null) as MemberNudgeView['suppressedReason'],
  channel: (row.channel ?? null) as MemberNudgeView['channel'],
  journeyId: (row.journey_id ?? null) as string | null,
  teamId: (row.team_id ?? null) as string | null,
  dueAt: time(row.due_at),
  deliveredAt: maybeTime(row.delivered_at),
  dismissedAt: maybeTime(row.dismissed_at),
  createdAt: time(row.created_at),
});

export const toDelivery = (row: Row): DeliveryView => ({
  deliveryId: row.delivery_id as string,
  kind: row.kind as DeliveryView['kind'],
  state: row.state as DeliveryView['state'],
  channel: (row.channel ?? null) as DeliveryView['channel'],
  eventType: (row.event_type ?? null) as string | null,
  nudgeId: (row.nudge_id ?? null) as string | null,
  memberId: (row.member_id ?? null) as string | null,
  endpointId: (row.endpoint_id ?? null) as string | null,
  suppressedReason: (row.suppressed_reason ?? null) as DeliveryView['suppressedReason'],
  attempts: Number(row.attempts),
  maxAttempts: Number(row.max_attempts),
  nextAttemptAt: time(row.next_attempt_at),
  lastOutcome: (row.last_outcome ?? null) as DeliveryView['lastOutcome'],
  lastStatusCode: maybeNumber(row.last_status_code),
  lastDetail: (row.last_detail ?? null) as string | null,
  lastAttemptAt: maybeTime(row.last_attempt_at),
  createdAt: time(row.created_at),
  finishedAt: maybeTime(row.finished_at),
  replays: Number(row.replays),
  replayedAt: maybeTime(row.replayed_at),
  replayedBy: (row.replayed_by ?? null) as string | null,
});

/** The lists this read model pages, each named in its cursors. */
const LISTS = {
  myNudges: { name: 'myNudges', shape: ['string'] },
  deadLetters: { name: 'deadLetters', shape: ['string'] },
  attempts: { name: 'attempts', shape: ['integer', 'position'] },
  endpointDeliveries: { name: 'endpointDeliveries', shape: ['string'] },
} as const satisfies Record<string, CursorList>;

/** The nudge (or dead letter) a `myNudges` (or `deadLetters`) cursor names, checked when read, or undefined for the first page. */
const afterIdOf = (page: PageRequest, list: CursorList): string | undefined => afterKeyOf(page, list)?.[0] as string | undefined;

export const assertSeesDeadLetters = (viewer: HistoryViewer): void => {
  if (viewer.orgRole !== 'ADMIN') throw new AdminRequiredError();
};

export class NudgeHistoryReadModel {
  constructor(private readonly reader: TenantReader) {}

  /**
   * The viewer's own nudges, newest owed first (then by id), optionally in one state. The cursor is
   * the last nudge's id, and the page goes on from when that nudge was owed: values a nudge keeps,
   * unlike its due time, which delivery moves when it defers the nudge for quiet hours.
   */
  async myNudges(viewer: HistoryViewer, page: PageRequest, state?: MemberNudgeState): Promise<Page<MemberNudgeView>> {
    const first = pageSizeOf(page);
    const after = afterIdOf(page, LISTS.myNudges);
    return this.reader.read(viewer.organisationId, async (tx) => {
      const params: unknown[] = [viewer.organisationId, viewer.memberId, first + 1];
      const filters: string[] = [];
      if (state) filters.push(`AND state = $${params.push(state)}`);
      if (after !== undefined) {
        const { rows } = await tx.query(`SELECT 1 FROM nudges.member_nudges WHERE tenant_id = $1 AND member_id = $2 AND nudge_id = $3`, [
          viewer.organisationId,
          viewer.memberId,
          after,
        ]);
        if (rows.length === 0) throw notACursor();
        filters.push(
          `AND (created_at, nudge_id) < (SELECT c.created_at, c.nudge_id FROM nudges.member_nudges c WHERE c.tenant_id = $1 AND c.member_id = $2 AND c.nudge_id = $${params.push(after)})`,
        );
      }
      const { rows } = await tx.query<Row>(
        `${MEMBER_NUDGE_SELECT} WHERE tenant_id = $1 AND member_id = $2 ${filters.join(' ')} ORDER BY created_at DESC, nudge_id DESC LIMIT $3`,
        params,
      );
      return toPage(rows.map(toMemberNudge), first, LISTS.myNudges, (nudge) => [nudge.nudgeId]);
    });
  }

  async myNudge(viewer: HistoryViewer, nudgeId: string): Promise<MemberNudgeView | undefined> {
    return this.reader.read(viewer.organisationId, async (tx) => {
      const { rows } = await tx.query<Row>(`${MEMBER_NUDGE_SELECT} WHERE tenant_id = $1 AND member_id = $2 AND nudge_id = $3`, [viewer.organisationId, viewer.memberId, nudgeId]);
      return rows[0] && toMemberNudge(rows[0]);
    });
  }

  /**
   * Dead deliveries, newest owed first (then by id). The cursor is the last delivery's id, and the
   * page goes on from when that delivery was owed: a value a delivery keeps, unlike its finish time,
   * which a replay clears and its next death rewrites, so paging while dead letters are replayed
   * neither skips nor repeats one. Admins only.
   */
  async deadLetters(viewer: HistoryViewer, page: PageRequest): Promise<Page<DeliveryView>> {
    assertSeesDeadLetters(viewer);
    const first = pageSizeOf(page);
    const after = afterIdOf(page, LISTS.deadLetters);
    return this.reader.read(viewer.organisationId, async (tx) => {
      const params: unknown[] = [viewer.organisationId, first + 1];
      let continuation = '';
      if (after !== undefined) {
        // A dead letter, or one replayed since: never any other delivery, whose id (worked out from a
        // reflection's) would otherwise tell, by being accepted, that a nudge was owed for it.
        const { rows } = await tx.query(`SELECT 1 FROM nudges.tenant_deliveries WHERE tenant_id = $1 AND delivery_id = $2 AND ${WAS_DEAD_LETTER}`, [viewer.organisationId, after]);
        if (rows.length === 0) throw notACursor();
        continuation = `AND (created_at, delivery_id) < (SELECT c.created_at, c.delivery_id FROM nudges.tenant_deliveries c WHERE c.tenant_id = $1 AND c.delivery_id = $${params.push(after)})`;
      }
      const { rows } = await tx.query<Row>(
        `${DELIVERY_SELECT} WHERE tenant_id = $1 AND state = 'DEAD' AND NOT recipient_only ${continuation} ORDER BY created_at DESC, delivery_id DESC LIMIT $2`,
        params,
      );
      return toPage(rows.map(toDelivery), first, LISTS.deadLetters, (delivery) => [delivery.deliveryId]);
    });
  }

  /**
   * What was owed to one webhook endpoint, every state (pending, retrying, delivered, suppressed,
   * dead), newest owed first, then by id: values a delivery keeps. Settled ones go after the history's
   * retention, as dead letters do. A webhook carries only what every reader of the organisation may
   * see (recipient-only nudges never go to one), so listing them tells admins nothing private.
   * Admins only; an endpoint that is not the organisation's lists nothing.
   */
  async endpointDeliveries(viewer: HistoryViewer, endpointId: string, page: PageRequest, state?: DeliveryView['state']): Promise<Page<DeliveryView>> {
    assertSeesDeadLetters(viewer);
    const first = pageSizeOf(page);
    // One endpoint's deliveries: a cursor of another endpoint's list is refused, not read as a place in this one.
    const list = listWithin(LISTS.endpointDeliveries, endpointId);
    const after = afterKeyOf(page, list)?.[0] as string | undefined;
    return this.reader.read(viewer.organisationId, async (tx) => {
      const params: unknown[] = [viewer.organisationId, endpointId, first + 1];
      const filters: string[] = [];
      if (state) filters.push(`AND state = $${params.push(state)}`);
      if (after !== undefined) {
        const { rows } = await tx.query(`SELECT 1 FROM nudges.tenant_deliveries WHERE tenant_id = $1 AND kind = 'WEBHOOK' AND endpoint_id = $2 AND delivery_id = $3`, [
          viewer.organisationId,
          endpointId,
          after,
        ]);
        if (rows.length === 0) throw notACursor();
        filters.push(`AND (created_at, delivery_id) < (SELECT c.created_at, c.delivery_id FROM nudges.tenant_deliveries c WHERE c.tenant_id = $1 AND c.delivery_id = $${params.push(after)})`);
      }
      const { rows } = await tx.query<Row>(
        `${DELIVERY_SELECT} WHERE tenant_id = $1 AND kind = 'WEBHOOK' AND endpoint_id = $2 AND NOT recipient_only ${filters.join(' ')} ORDER BY created_at DESC, delivery_id DESC LIMIT $3`,
        params,
      );
      return toPage(rows.map(toDelivery), first, list, (delivery) => [delivery.deliveryId]);
    });
  }

  /** One delivery of the organisation that admins may know of. Admins only. */
  async delivery(viewer: HistoryViewer, deliveryId: string): Promise<DeliveryView | undefined> {
    assertSeesDeadLetters(viewer);
    return this.reader.read(viewer.organisationId, async (tx) => {
      const { rows } = await tx.query<Row>(`${DELIVERY_SELECT} WHERE tenant_id = $1 AND delivery_id = $2 AND NOT recipient_only`, [viewer.organisationId, deliveryId]);
      return rows[0] && toDelivery(rows[0]);
    });
  }

  /** A delivery's attempts, first first. Admins only. */
  async attempts(viewer: HistoryViewer, deliveryId: string, page: PageRequest): Promise<Page<DeliveryAttemptView>> {
    assertSeesDeadLetters(viewer);
    const first = pageSizeOf(page);
    // One delivery's attempts: a cursor of another delivery's is refused, not read as a position here.
    const list = listWithin(LISTS.attempts, deliveryId);
    const after = afterKeyOf(page, list)?.[1] as number | undefined;
    return this.reader.read(viewer.organisationId, async (tx) => {
      const params: unknown[] = [viewer.organisationId, deliveryId, first + 1];
      const continuation = after === undefined ? '' : `AND attempt_number > $${params.push(after)}`;
      const { rows } = await tx.query<Row>(
        `SELECT delivery_id, attempt_number, at, channel, outcome, status_code, detail, duration_ms FROM nudges.tenant_delivery_attempts
         WHERE tenant_id = $1 AND delivery_id = $2 ${continuation} ORDER BY attempt_number LIMIT $3`,
        params,
      );
      const attempts: DeliveryAttemptView[] = rows.map((row) => ({
        deliveryId: row.delivery_id as string,
        attemptNumber: Number(row.attempt_number),
        at: time(row.at),
        channel: row.channel as string,
        outcome: row.outcome as DeliveryAttemptView['outcome'],
        statusCode: maybeNumber(row.status_code),
        detail: (row.detail ?? null) as string | null,
        durationMs: maybeNumber(row.duration_ms),
      }));
      return toPage(attempts, first, list, (attempt) => [0, attempt.attemptNumber]);
    });
  }
}
