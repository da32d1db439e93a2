/**
 * The weekly digest's clock tick: for every organisation, the leaders whose Monday 09:00 has come
 * this week and who have no digest for it yet are owed one, written to the outbox (idempotent by
 * dedupe key: any number of ticks, on any number of workers, owe one per leader per week).
 */
import type { SqlDatabase, SqlExecutor } from '@stepwise/database';
import {
  dedupeKeyOf,
  decideWeeklyDigests,
  digestWeekOf,
  knownTimezone,
  SETTINGS_DOCUMENT_ID,
  stateFromDocuments,
  type MemberDocument,
  type TeamDocument,
} from '@stepwise/nudges-domain';
import { DEFAULT_STALENESS_MS, withStaleness, writeDecisions } from './outbox.writer';
import { loadDocuments, loadDocumentsOfKind, type StoredDocument } from './policy-documents.store';

export interface DigestTickResult {
  /** Outbox rows written (owed or suppressed); digests already there are not counted. */
  readonly written: number;
}

const tickTenant = async (tx: SqlExecutor, tenantId: string, now: Date, stalenessMs: number): Promise<number> => {
  const teams = await loadDocumentsOfKind(tx, tenantId, 'team');
  const leaderIds = [...new Set(teams.flatMap(({ document }) => Object.entries((document as TeamDocument).members).filter(([, role]) => role === 'LEADER').map(([id]) => id)))];
  if (leaderIds.length === 0) return 0;
  const leaders = await loadDocuments(tx, tenantId, leaderIds.map((id) => ({ kind: 'member' as const, id })));
  // Leaders whose Monday 09:00 has come and whose digest for this week is not written yet.
  const due = leaders.filter(({ document }) => {
    const leader = document as MemberDocument;
    return leader.inOrganisation && digestWeekOf(now, knownTimezone(leader.timezone)).dueAt.getTime() <= now.getTime();
  });
  const keyOf = (leader: StoredDocument): string =>
    dedupeKeyOf('WEEKLY_DIGEST', leader.key.id, { journeyId: null, teamId: null, subjectId: `week-${digestWeekOf(now, knownTimezone((leader.document as MemberDocument).timezone)).week}` });
  const { rows } = await tx.query<{ dedupe_key: string }>('SELECT dedupe_key FROM nudges.outbox WHERE tenant_id = $1 AND dedupe_key = ANY($2::text[])', [
    tenantId,
    due.map(keyOf),
  ]);
  const written = new Set(rows.map((row) => row.dedupe_key));
  const pending = due.filter((leader) => !written.has(keyOf(leader)));
  if (pending.length === 0) return 0;
  const journeyIds = [...new Set(teams.flatMap(({ document }) => (document as TeamDocument).journeyIds))];
  const rest = await loadDocuments(tx, tenantId, [{ kind: 'settings', id: SETTINGS_DOCUMENT_ID }, ...journeyIds.map((id) => ({ kind: 'journey' as const, id }))]);
  const state = stateFromDocuments([...teams, ...pending, ...rest]);
  return writeDecisions(tx, withStaleness(decideWeeklyDigests(state, tenantId, now), now, stalenessMs));
};

/** One tick at `now`, tenant by tenant, each in a transaction of its own, on the owner's connection. */
export const runDigestTick = async (database: SqlDatabase, now: Date, options: { readonly stalenessMs?: number } = {}): Promise<DigestTickResult> => {
  const { rows } = await database.query<{ tenant_id: string }>(`SELECT DISTINCT tenant_id FROM nudges.policy_documents WHERE kind = 'team' ORDER BY tenant_id`);
  let written = 0;
  for (const { tenant_id: tenantId } of rows) {
    written += await database.transaction((tx) => tickTenant(tx, tenantId, now, options.stalenessMs ?? DEFAULT_STALENESS_MS));
  }
  return { written };
};
