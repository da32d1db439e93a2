/**
 * For delivery: is this nudge still owed now? Loads the few documents the answer needs and asks the
 * pure policy. Read on the owner's connection (the nudge tables are not the tenant role's), or
 * through a reader that gathers the reads of deliveries attempted together.
 */
import { documentsForNudge, nudgeRelevance, stateFromDocuments, type MemberDocument, type OwedNudge, type Relevance } from '@stepwise/nudges-domain';
import { readDocuments, type DocumentSource } from './policy-documents.store';

export const checkNudgeRelevance = async (documents: DocumentSource, nudge: OwedNudge, now: Date): Promise<Relevance> =>
  nudgeRelevance(stateFromDocuments(await readDocuments(documents, nudge.organisationId, documentsForNudge(nudge))), nudge, now);

/**
 * The recipient as the policy knows them (timezone, quiet hours, daily cap), for the daily cap:
 * count what was delivered within `capDayOf(now, member.timezone)`, then ask `dailyCapRelevance`.
 */
export const loadMemberDocument = async (documents: DocumentSource, organisationId: string, memberId: string): Promise<MemberDocument | undefined> =>
  stateFromDocuments(await readDocuments(documents, organisationId, [{ kind: 'member', id: memberId }])).members[memberId];
