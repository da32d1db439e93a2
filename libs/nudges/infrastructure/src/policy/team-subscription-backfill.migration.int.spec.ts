/**
 * The backfill of team documents stored before the policy kept subscriptions: on PostgreSQL and
 * PGlite, documents stripped of the two fields get back exactly what the policy itself wrote, from
 * the log up to the policy's checkpoint and no further.
 */
import { aTeamWithAJourney, daysAfter, hoursAfter, subscriptionCancelled, subscriptionChanged, T0, TEAM, teamCreated, teamSubscribed } from '@stepwise/nudges-domain/testing';
import { policyDocumentsPerTest, type TestEngine } from '@stepwise/test-support';
import { teamSubscriptionBackfillMigration } from './team-subscription-backfill.migration';

const LAPSED_AND_BACK = TEAM;
const CANCELLED = 'team-cancelled';
const NEVER_SUBSCRIBED = 'team-never-subscribed';

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the team subscription backfill, on %s', (_name, engine) => {
  const policy = policyDocumentsPerTest(engine);
  const append = policy.append;
  const runPolicyToTheEnd = (): Promise<void> => policy.runPolicyToTheEnd(daysAfter(T0, 3));
  const teamDocuments = (): Promise<Record<string, unknown>> => policy.documents('team');

  const storedAsBefore = async (): Promise<void> => {
    await policy.sql(`UPDATE nudges.policy_documents SET document = document - 'subscriptionStatus' - 'writableSince' WHERE tenant_id = $1 AND kind = 'team'`);
  };

  it('gives documents stored without the subscription what the policy keeps, from the log up to its checkpoint', async () => {
    const backAt = hoursAfter(T0, 30);
    await append([
      ...aTeamWithAJourney(),
      subscriptionChanged('ACTIVE', 'PAST_DUE', hoursAfter(T0, 2)),
      subscriptionChanged('PAST_DUE', 'ACTIVE', backAt),
      teamCreated(CANCELLED),
      teamSubscribed(CANCELLED, T0, 'TRIALING'),
      subscriptionCancelled(hoursAfter(T0, 5), CANCELLED),
      teamCreated(NEVER_SUBSCRIBED),
    ]);
    await runPolicyToTheEnd();
    const kept = await teamDocuments();
    expect(kept[LAPSED_AND_BACK]).toEqual(expect.objectContaining({ subscriptionStatus: 'ACTIVE', writableSince: backAt }));
    expect(kept[CANCELLED]).toEqual(expect.objectContaining({ subscriptionStatus: 'CANCELLED', writableSince: T0 }));
    expect(kept[NEVER_SUBSCRIBED]).toEqual(expect.objectContaining({ subscriptionStatus: null }));
    expect(kept[NEVER_SUBSCRIBED]).not.toHaveProperty('writableSince');

    await storedAsBefore();
    // Past the checkpoint: the policy has yet to see it, and will record it itself.
    await append([subscriptionChanged('ACTIVE', 'PAST_DUE', daysAfter(T0, 2))]);
    await policy.storage.database.query(teamSubscriptionBackfillMigration.sql);

    expect(await teamDocuments()).toEqual(kept);
  });

  it('leaves a document that already holds the subscription as it is', async () => {
    await append([teamCreated(), teamSubscribed(), subscriptionCancelled(hoursAfter(T0, 1))]);
    await runPolicyToTheEnd();
    await policy.sql(`UPDATE nudges.policy_documents SET document = jsonb_set(document, '{subscriptionStatus}', '"PAST_DUE"') WHERE tenant_id = $1 AND kind = 'team'`);
    const before = await teamDocuments();
    await policy.storage.database.query(teamSubscriptionBackfillMigration.sql);
    expect(await teamDocuments()).toEqual(before);
  });
});
