/**
 * The delivery path's ports answered by the nudge policy's own state (its documents, on the owner's
 * connection): whether a nudge is still owed (`checkNudgeRelevance`), and the recipient as the
 * policy knows them (in the organisation, timezone, quiet hours, opt-outs, daily cap). The policy
 * does not keep channels: alone, this reaches everyone in-app; `PreferencesMemberReachability` adds
 * the members' channel preferences and email from the read tables.
 * Both read through `PolicyDocumentsLoader`: the reads of deliveries attempted together go as one.
 */
import type { SqlDatabase } from '@stepwise/database';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '@stepwise/nudges-domain';
import { checkNudgeRelevance, loadMemberDocument } from '../policy';
import type { MemberReach, MemberReachability, NudgeRelevance } from './delivery.ports';
import { policyDocumentsLoaderFor } from './policy-documents.loader';

export const policyNudgeRelevance = (database: SqlDatabase): NudgeRelevance => ({
  check: (nudge, now) => checkNudgeRelevance(policyDocumentsLoaderFor(database), nudge, now),
});

export class PolicyMemberReachability implements MemberReachability {
  constructor(private readonly database: SqlDatabase) {}

  async reachabilityOf(tenantId: string, memberId: string): Promise<MemberReach | undefined> {
    const member = await loadMemberDocument(policyDocumentsLoaderFor(this.database), tenantId, memberId);
    if (!member) return undefined;
    return {
      active: member.inOrganisation,
      displayName: member.displayName ?? null,
      email: null,
      timezone: member.timezone,
      quietHours: member.quietHours,
      channels: DEFAULT_NOTIFICATION_PREFERENCES.channels,
      optedOut: member.optedOut,
      dailyCap: member.dailyCap,
    };
  }
}
