/**
 * The repair of journey documents stored as having no direction while the policy was not handed
 * DirectionSet: on PostgreSQL and PGlite, a journey whose direction is in the log up to the policy's
 * checkpoint reads as directed again, and a journey without one, or whose direction comes after the
 * checkpoint, is left for the policy.
 */
import { aTeamWithAJourney, daysAfter, JOURNEY, journeyEvent, journeyStarted, LEE, T0 } from '@stepwise/nudges-domain/testing';
import { policyDocumentsPerTest, type TestEngine } from '@stepwise/test-support';
import { journeyDirectionRepairMigration } from './journey-direction-repair.migration';

const UNDIRECTED = 'jny-undirected';
const DIRECTED_LATER = 'jny-directed-later';

describe.each<[string, TestEngine]>([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
])('the journey direction repair, on %s', (_name, engine) => {
  const policy = policyDocumentsPerTest(engine);
  const append = policy.append;
  const runPolicyToTheEnd = (): Promise<void> => policy.runPolicyToTheEnd(daysAfter(T0, 1));
  const directionSetOf = (): Promise<Record<string, unknown>> => policy.documents('journey', 'directionSet');

  it('marks directed the journeys whose direction the log holds up to the checkpoint, and no others', async () => {
    const laterDirection = journeyEvent('DirectionSet', { direction: 'Later', setBy: LEE }, T0, DIRECTED_LATER);
    await append([...aTeamWithAJourney(), journeyStarted(T0, UNDIRECTED), journeyStarted(T0, DIRECTED_LATER)]);
    await runPolicyToTheEnd();
    const kept = await directionSetOf();
    expect(kept).toEqual({ [JOURNEY]: true, [UNDIRECTED]: false, [DIRECTED_LATER]: false });

    // As the policy stored them while it was not handed DirectionSet; one direction still to come to it.
    await policy.sql(`UPDATE nudges.policy_documents SET document = jsonb_set(document, '{directionSet}', 'false') WHERE tenant_id = $1 AND kind = 'journey'`);
    await append([laterDirection]);
    await policy.storage.database.query(journeyDirectionRepairMigration.sql);

    expect(await directionSetOf()).toEqual(kept);
  });
});
