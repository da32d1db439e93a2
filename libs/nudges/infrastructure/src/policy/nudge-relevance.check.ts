/**
 * For delivery: is this nudge still owed now? Loads the few documents the answer needs and asks the
 * pure policy. Read on the owner's connection (the nudge tables are not the tenant role's), or
 * through a reader that gathers the reads of deliveries attempted together.
 */
import {
  documentsForNudge,
  nudgeRelevance,
  stateFromDocuments,
  subjectPersonDocumentsForNudge,
  type MemberDocument,
  type OwedNudge,
  type Relevance,
} from '@stepwise/nudges-domain';
import { readDocuments, type DocumentSource } from './policy-documents.store';

/** One read; a second only for a nudge about a member who left (whether their person is back on the team). */
export const checkNudgeRelevance = async (documents: DocumentSource, nudge: OwedNudge, now: Date): Promise<Relevance> => {
  const loaded = await readDocuments(documents, nudge.organisationId, documentsForNudge(nudge));
  const more = subjectPersonDocumentsForNudge(nudge, stateFromDocuments(loaded));
  const all = more.length === 0 ? loaded : [...loaded, ...(await readDocuments(documents, nudge.organisationId, more))];
  return nudgeRelevance(stateFromDocuments(all), nudge, now);
};

/**
 * The recipient as the policy knows them (timezone, quiet hours, daily cap), for the daily cap:
 * count what was delivered within `capDayOf(now, member.timezone)`, then ask `dailyCapRelevance`.
 */
export const loadMemberDocument = async (documents: DocumentSource, organisationId: string, memberId: string): Promise<MemberDocument | undefined> =>
  stateFromDocuments(await readDocuments(documents, organisationId, [{ kind: 'member', id: memberId }])).members[memberId];
