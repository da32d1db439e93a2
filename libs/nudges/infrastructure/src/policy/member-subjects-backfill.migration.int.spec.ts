/**
 * The backfill of member documents stored before the policy kept each member's sign-in subject: on
 * PostgreSQL and PGlite, documents stripped of it get back exactly what the policy itself wrote,
 * members who left and were added again included.
 */
import { aTeamWithAJourney, daysAfter, memberAddedAgain, memberLeft, SAM, T0 } from '@stepwise/nudges-domain/testing';
import { policyDocumentsPerTest, type TestEngine } from '@stepwise/test-support';
import { memberSubjectsBackfillMigration } from './member-subjects-backfill.migration';

const SAM_AGAIN = 'mem-sam-2';

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the member subjects backfill, on %s', (_name, engine) => {
  const policy = policyDocumentsPerTest(engine);
  const append = policy.append;
  const runPolicyToTheEnd = (): Promise<void> => policy.runPolicyToTheEnd(daysAfter(T0, 3));
  const memberDocuments = (): Promise<Record<string, unknown>> => policy.documents('member');

  it('gives documents stored without the subject the one the policy keeps, from the member’s MemberJoined', async () => {
    await append([...aTeamWithAJourney(), memberLeft(SAM), memberAddedAgain(SAM, SAM_AGAIN)]);
    await runPolicyToTheEnd();
    const kept = await memberDocuments();
    expect(kept[SAM]).toEqual(expect.objectContaining({ subject: `sub-${SAM}`, inOrganisation: false }));
    expect(kept[SAM_AGAIN]).toEqual(expect.objectContaining({ subject: `sub-${SAM}`, inOrganisation: true }));

    await policy.sql(`UPDATE nudges.policy_documents SET document = document - 'subject' WHERE tenant_id = $1 AND kind = 'member'`);
    expect(await memberDocuments()).not.toEqual(kept);
    await policy.storage.database.query(memberSubjectsBackfillMigration.sql);

    expect(await memberDocuments()).toEqual(kept);
  });

  it('leaves a document that already holds a subject as it is', async () => {
    await append(aTeamWithAJourney());
    await runPolicyToTheEnd();
    await policy.sql(`UPDATE nudges.policy_documents SET document = jsonb_set(document, '{subject}', '"sub-kept"') WHERE tenant_id = $1 AND kind = 'member'`);
    const before = await memberDocuments();
    await policy.storage.database.query(memberSubjectsBackfillMigration.sql);
    expect(await memberDocuments()).toEqual(before);
  });
});
