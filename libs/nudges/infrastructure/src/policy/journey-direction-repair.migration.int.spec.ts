/**
 * The repair of journey documents stored as having no direction while the policy was not handed
 * DirectionSet: on PostgreSQL and PGlite, a journey whose direction is in the log up to the policy's
 * checkpoint reads as directed again, and a journey without one, or whose direction comes after the
 * checkpoint, is left for the policy.
 */
import { randomUUID } from 'node:crypto';
import { FixedClock } from '@stepwise/kernel';
import type { PolicyEvent } from '@stepwise/nudges-domain';
import { aTeamWithAJourney, daysAfter, JOURNEY, journeyEvent, journeyStarted, LEE, T0 } from '@stepwise/nudges-domain/testing';
import type { Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { appendPolicyEvents, openTestStorage, runNudgePolicyToTheEnd, type TestEngine } from '@stepwise/test-support';
import { journeyDirectionRepairMigration } from './journey-direction-repair.migration';

const UNDIRECTED = 'jny-undirected';
const DIRECTED_LATER = 'jny-directed-later';

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the journey direction repair, on %s', (_name, engine) => {
  let storage: Storage;
  let tenantId: string;

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
    expect(await runNudgePolicyToTheEnd(storage, new FixedClock(daysAfter(T0, 1)))).toEqual([]);
  };

  const directionSetOf = async (): Promise<Record<string, unknown>> => {
    const { rows } = await storage.database.query<{ document_id: string; direction_set: unknown }>(
      `SELECT document_id, document -> 'directionSet' AS direction_set FROM nudges.policy_documents WHERE tenant_id = $1 AND kind = 'journey' ORDER BY document_id`,
      [tenantId],
    );
    return Object.fromEntries(rows.map((row) => [row.document_id, row.direction_set]));
  };

  it('marks directed the journeys whose direction the log holds up to the checkpoint, and no others', async () => {
    const laterDirection = journeyEvent('DirectionSet', { direction: 'Later', setBy: LEE }, T0, DIRECTED_LATER);
    await append([...aTeamWithAJourney(), journeyStarted(T0, UNDIRECTED), journeyStarted(T0, DIRECTED_LATER)]);
    await runPolicyToTheEnd();
    const kept = await directionSetOf();
    expect(kept).toEqual({ [JOURNEY]: true, [UNDIRECTED]: false, [DIRECTED_LATER]: false });

    // As the policy stored them while it was not handed DirectionSet; one direction still to come to it.
    await storage.database.query(`UPDATE nudges.policy_documents SET document = jsonb_set(document, '{directionSet}', 'false') WHERE tenant_id = $1 AND kind = 'journey'`, [tenantId]);
    await append([laterDirection]);
    await storage.database.query(journeyDirectionRepairMigration.sql);

    expect(await directionSetOf()).toEqual(kept);
  });
});
