/**
 * What members and admins change in the delivery path's records: a member dismisses their own nudge,
 * an admin replays a dead delivery. These are operational records, not domain facts, so they change
 * in place rather than through an event stream; the change and the command's id and fingerprint are
 * recorded in one transaction, so an identical retry replays and a command id reused with other
 * input is refused (IDEMPOTENCY_KEY_REUSED), as for every other command. Implemented in
 * infrastructure over the delivery path's tables; the views are the records as they then read.
 */
import type { CommandContext } from '@stepwise/command-handling';
import { OrganisationNotFoundError } from '@stepwise/tenancy-domain';

/** Who changes a record, and under which command. */
export interface NudgeHistoryChange {
  readonly organisationId: string;
  readonly memberId: string;
  readonly orgRole: 'ADMIN' | 'MEMBER';
  readonly commandId: string;
  /** commandFingerprint of the operation and its input: the same command id with another one is refused. */
  readonly fingerprint: string;
}

/** What dismissNudge and replayDeadLetter answer: the record as it now reads, and whether the command id had already been applied. */
export interface NudgeHistoryCommandResult<View> {
  readonly view: View;
  /** True when this command id had already been applied and nothing new was written. */
  readonly replayed: boolean;
}

export interface NudgeHistoryChanges<Nudge = unknown, Delivery = unknown> {
  /** Dismisses the member's own nudge (NUDGE_NOT_FOUND for anyone else's). */
  dismiss(change: NudgeHistoryChange, nudgeId: string): Promise<NudgeHistoryCommandResult<Nudge>>;
  /**
   * Replays a dead delivery of the organisation with a fresh attempt budget. Admins only (FORBIDDEN);
   * DELIVERY_NOT_FOUND, DELIVERY_NOT_DEAD; WEBHOOK_ENDPOINT_DISABLED, WEBHOOK_ENDPOINT_UNSUBSCRIBED or
   * WEBHOOK_ENDPOINT_REMOVED when its endpoint would not receive it.
   */
  replay(change: NudgeHistoryChange, deliveryId: string): Promise<NudgeHistoryCommandResult<Delivery>>;
}

export const NUDGE_HISTORY_CHANGES = Symbol('stepwise.nudge-history-changes');

/** The change a command's context stands for; a caller who is no member of the organisation may change nothing. */
export const historyChangeOf = (context: CommandContext, fingerprint: string): NudgeHistoryChange => {
  const { tenantId, memberId, orgRole, commandId } = context;
  if (!memberId || !orgRole) throw new OrganisationNotFoundError(tenantId);
  return { organisationId: tenantId, memberId, orgRole, commandId, fingerprint };
};
