/**
 * The backfill of member documents stored before the policy kept each member's sign-in subject: on
 * PostgreSQL and PGlite, documents stripped of it get back exactly what the policy itself wrote,
 * members who left and were added again included.
 */
import { randomUUID } from 'node:crypto';
import { FixedClock } from '@stepwise/kernel';
import type { PolicyEvent } from '@stepwise/nudges-domain';
import { aTeamWithAJourney, daysAfter, memberAddedAgain, memberLeft, SAM, T0 } from '@stepwise/nudges-domain/testing';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { appendPolicyEvents, openTestStorage, runNudgePolicyToTheEnd, type TestEngine } from '@stepwise/test-support';
import { memberSubjectsBackfillMigration } from './member-subjects-backfill.migration';

const SAM_AGAIN = 'mem-sam-2';

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the member subjects backfill, on %s', (_name, engine) => {
  let storage: Storage;
  let tenantId: string;

  // One database for the engine's tests, each test in an organisation of its own: it appends and
  // reads back only that tenant's events and member documents, and the backfill writes each document
  // from its own tenant's events. A new policy runner goes on from the checkpoint the last one left.
  beforeAll(async () => {
    storage = await openTestStorage(engine, stepwiseSchema, { poolSize: 4 });
  });
  afterAll(async () => {
    await storage?.close();
  });
  beforeEach(() => {
    tenantId = `org-${randomUUID()}`;
  });

  const append = (events: readonly PolicyEvent[]): Promise<void> => appendPolicyEvents(storage.eventStore, tenantId, events);

  const runPolicyToTheEnd = async (): Promise<void> => {
    expect(await runNudgePolicyToTheEnd(storage, new FixedClock(daysAfter(T0, 3)))).toEqual([]);
  };

  const memberDocuments = async (): Promise<Record<string, Record<string, unknown>>> => {
    const { rows } = await storage.database.query<{ document_id: string; document: Record<string, unknown> }>(
      `SELECT document_id, document FROM nudges.policy_documents WHERE tenant_id = $1 AND kind = 'member' ORDER BY document_id`,
      [tenantId],
    );
    return Object.fromEntries(rows.map((row) => [row.document_id, row.document]));
  };

  it('gives documents stored without the subject the one the policy keeps, from the member’s MemberJoined', async () => {
    await append([...aTeamWithAJourney(), memberLeft(SAM), memberAddedAgain(SAM, SAM_AGAIN)]);
    await runPolicyToTheEnd();
    const kept = await memberDocuments();
    expect(kept[SAM]).toEqual(expect.objectContaining({ subject: `sub-${SAM}`, inOrganisation: false }));
    expect(kept[SAM_AGAIN]).toEqual(expect.objectContaining({ subject: `sub-${SAM}`, inOrganisation: true }));

    await storage.database.query(`UPDATE nudges.policy_documents SET document = document - 'subject' WHERE tenant_id = $1 AND kind = 'member'`, [tenantId]);
    expect(await memberDocuments()).not.toEqual(kept);
    await storage.database.query(memberSubjectsBackfillMigration.sql);

    expect(await memberDocuments()).toEqual(kept);
  });

  it('leaves a document that already holds a subject as it is', async () => {
    await append(aTeamWithAJourney());
    await runPolicyToTheEnd();
    await storage.database.query(`UPDATE nudges.policy_documents SET document = jsonb_set(document, '{subject}', '"sub-kept"') WHERE tenant_id = $1 AND kind = 'member'`, [tenantId]);
    const before = await memberDocuments();
    await storage.database.query(memberSubjectsBackfillMigration.sql);
    expect(await memberDocuments()).toEqual(before);
  });
});
