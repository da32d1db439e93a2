/**
 * One-click unsubscribe (RFC 8058): the signed link stands for the member, who turns one rule off
 * for themself. It goes through the member's notification preferences like any change of theirs
 * (a NotificationPreferencesChanged with that rule in optedOut, the member as actor), computed from
 * the stream's state on the same attempt, so a concurrent change is neither lost nor overwritten.
 * Unsubscribing from a rule already off writes nothing, and so does a link of someone who is no
 * longer a member: Stepwise sends them nothing, so there is nothing to turn off (`outcome` null).
 * Someone removed and added again (a new member id, the same sign-in subject) is one person: an
 * older email's link turns the rule off for the member they are now. The page that asks first
 * (`open`) knows all that too, and says what the POST would.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, commandFingerprint, EVENT_STORE, handleCommand, type CommandContext, type CommandResult } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { runInTenant, type Clock } from '@stepwise/kernel';
import {
  notificationPreferencesDecider,
  notificationPreferencesStreamId,
  type NotificationPreferencesChanged,
  type NotificationPreferencesCommand,
  type UnsubscribeLinkClaims,
} from '@stepwise/nudges-domain';
import { accountEmailOf, isCurrentMember, loadOrganisation, memberActorOf, memberIdNowOf } from '../commands/nudges-actor';
import { UNSUBSCRIBE_LINK_VERIFIER, type UnsubscribeLinkVerifier } from './unsubscribe-link.port';

export const UNSUBSCRIBE_SUBJECT_PREFIX = 'unsubscribe-link:';

export interface UnsubscribeResult {
  readonly claims: UnsubscribeLinkClaims;
  /** Null when the link's member has left the organisation: nothing was written. */
  readonly outcome: CommandResult<NotificationPreferencesChanged> | null;
}

@Injectable()
export class UnsubscribeFromRule {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(UNSUBSCRIBE_LINK_VERIFIER) private readonly links: UnsubscribeLinkVerifier,
  ) {}

  /**
   * The link's claims and whether its member is still a member, for a page that asks before it
   * writes (reads only); throws UNSUBSCRIBE_LINK_INVALID for a forged or mangled link.
   */
  async open(token: string, correlationId: string): Promise<{ readonly claims: UnsubscribeLinkClaims; readonly isMember: boolean }> {
    const claims = this.links.verify(token);
    const context = linkContext(claims, claims.memberId, correlationId);
    const isMember = await runInTenant({ tenantId: claims.tenantId, actorId: claims.memberId, correlationId }, async () =>
      memberIdNowOf(await loadOrganisation(this.store, context), claims.memberId) !== undefined,
    );
    return { claims, isMember };
  }

  async unsubscribe(token: string, correlationId: string): Promise<UnsubscribeResult> {
    const claims = this.links.verify(token);
    const { tenantId, rule } = claims;
    const { store, clock } = this;
    const outcome = await runInTenant({ tenantId, actorId: claims.memberId, correlationId }, async () => {
      const memberId = memberIdNowOf(await loadOrganisation(store, linkContext(claims, claims.memberId, correlationId)), claims.memberId);
      if (memberId === undefined) return null;
      const context = linkContext(claims, memberId, correlationId);
      return handleCommand({
        store,
        decider: notificationPreferencesDecider,
        streamId: notificationPreferencesStreamId(memberId),
        metadata: { tenantId, commandId: context.commandId, actorId: memberId, correlationId, fingerprint: commandFingerprint('UnsubscribeFromRule', { memberId, rule }) },
        alongside: () => loadOrganisation(store, context),
        command: (state, organisation): NotificationPreferencesCommand => ({
          type: 'UpdateNotificationPreferences',
          data: {
            organisationId: tenantId,
            memberId,
            optedOut: state.preferences.optedOut.includes(rule) ? state.preferences.optedOut : [...state.preferences.optedOut, rule],
          },
          metadata: { now: clock.now(), actor: memberActorOf(organisation, context), targetIsMember: isCurrentMember(organisation, memberId), accountEmail: accountEmailOf(organisation, memberId) },
        }),
      });
    });
    return { claims, outcome };
  }
}

/** The link acting for `memberId`: the link's own member, or the id that person has now. */
const linkContext = ({ tenantId }: UnsubscribeLinkClaims, memberId: string, correlationId: string): CommandContext => ({
  tenantId,
  subject: `${UNSUBSCRIBE_SUBJECT_PREFIX}${memberId}`,
  memberId,
  commandId: randomUUID(),
  correlationId,
});
