/**
 * The backfill of team documents stored before the policy kept subscriptions: on PostgreSQL and
 * PGlite, documents stripped of the two fields get back exactly what the policy itself wrote, from
 * the log up to the policy's checkpoint and no further.
 */
import { randomUUID } from 'node:crypto';
import { FixedClock } from '@stepwise/kernel';
import type { PolicyEvent } from '@stepwise/nudges-domain';
import { aTeamWithAJourney, daysAfter, hoursAfter, subscriptionCancelled, subscriptionChanged, T0, TEAM, teamCreated, teamSubscribed } from '@stepwise/nudges-domain/testing';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { appendPolicyEvents, openTestStorage, runNudgePolicyToTheEnd, type TestEngine } from '@stepwise/test-support';
import { teamSubscriptionBackfillMigration } from './team-subscription-backfill.migration';

const LAPSED_AND_BACK = TEAM;
const CANCELLED = 'team-cancelled';
const NEVER_SUBSCRIBED = 'team-never-subscribed';

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the team subscription backfill, on %s', (_name, engine) => {
  let storage: Storage;
  let tenantId: string;

  // One database for the engine's tests, each test in an organisation of its own: it appends and
  // reads back only that tenant's events and team documents, and the backfill writes each document
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

  const teamDocuments = async (): Promise<Record<string, Record<string, unknown>>> => {
    const { rows } = await storage.database.query<{ document_id: string; document: Record<string, unknown> }>(
      `SELECT document_id, document FROM nudges.policy_documents WHERE tenant_id = $1 AND kind = 'team' ORDER BY document_id`,
      [tenantId],
    );
    return Object.fromEntries(rows.map((row) => [row.document_id, row.document]));
  };

  const storedAsBefore = async (): Promise<void> => {
    await storage.database.query(
      `UPDATE nudges.policy_documents SET document = document - 'subscriptionStatus' - 'writableSince' WHERE tenant_id = $1 AND kind = 'team'`,
      [tenantId],
    );
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
    await storage.database.query(teamSubscriptionBackfillMigration.sql);

    expect(await teamDocuments()).toEqual(kept);
  });

  it('leaves a document that already holds the subscription as it is', async () => {
    await append([teamCreated(), teamSubscribed(), subscriptionCancelled(hoursAfter(T0, 1))]);
    await runPolicyToTheEnd();
    await storage.database.query(
      `UPDATE nudges.policy_documents SET document = jsonb_set(document, '{subscriptionStatus}', '"PAST_DUE"') WHERE tenant_id = $1 AND kind = 'team'`,
      [tenantId],
    );
    const before = await teamDocuments();
    await storage.database.query(teamSubscriptionBackfillMigration.sql);
    expect(await teamDocuments()).toEqual(before);
  });
});
