/**
 * For delivery: is this nudge still owed now? Loads the few documents the answer needs and asks the
 * pure policy. Run it on the owner's connection (the nudge tables are not the tenant role's).
 */
import type { SqlExecutor } from '@stepwise/database';
import { documentsForNudge, nudgeRelevance, stateFromDocuments, type MemberDocument, type OwedNudge, type Relevance } from '@stepwise/nudges-domain';
import { loadDocuments } from './policy-documents.store';

export const checkNudgeRelevance = async (executor: SqlExecutor, nudge: OwedNudge, now: Date): Promise<Relevance> =>
  nudgeRelevance(stateFromDocuments(await loadDocuments(executor, nudge.organisationId, documentsForNudge(nudge))), nudge, now);

/**
 * The recipient as the policy knows them (timezone, quiet hours, daily cap), for the daily cap:
 * count what was delivered within `capDayOf(now, member.timezone)`, then ask `dailyCapRelevance`.
 */
export const loadMemberDocument = async (executor: SqlExecutor, organisationId: string, memberId: string): Promise<MemberDocument | undefined> =>
  stateFromDocuments(await loadDocuments(executor, organisationId, [{ kind: 'member', id: memberId }])).members[memberId];
