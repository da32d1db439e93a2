/**
 * The embedded default: the same api and worker on PGlite (one in-process session) instead of
 * PostgreSQL, including row-level security and read-your-writes.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type StepwiseApi } from './support/stepwise-api';

describe('the change loop on the embedded PGlite database', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let other: OrgFixture;

  beforeAll(async () => {
    stepwise = await startStepwise({ engine: 'pglite' });
    api = stepwiseApi(stepwise);
    [org, other] = await Promise.all([buildOrg(api, { label: 'embedded', staff: 1 }), buildOrg(api, { label: 'elsewhere', staff: 1 })]);
    // PGlite's start is CPU-bound (WebAssembly): 17 s alone, and past 60 s once in a suite run
    // beside other work at a load average of 17 on two cores.
  }, 120_000);

  afterAll(() => stepwise.close());

  it('runs on PGlite', () => {
    expect(stepwise.runtime.database.engine).toBe('pglite');
  });

  it('takes a step, asks for a reflection, and shows the leader the answer', async () => {
    const journeyId = await startJourney(api, org, { title: 'Embedded journey' });
    const [staff] = org.staff;
    const stepId = await takenStep(api, staff, journeyId, 'Try the new rota');
    const awaiting = await api.query(staff, 'stepsAwaitingMyReflection', { first: 10 });
    expect(awaiting.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([stepId]);

    const reflected = await api.mutate(staff, 'recordReflection', { journeyId, stepId, closer: 'NO', comfort: 2, note: 'Unsure it helps' });
    expect(reflected.outcome.projected).toBe(true);
    expect((await api.query(staff, 'stepsAwaitingMyReflection', { first: 10 })).edges).toEqual([]);

    const journey = await api.query(org.leader, 'journey', { id: journeyId });
    expect(journey.lastReflection).toMatchObject({ closer: 'NO', comfort: 2, note: 'Unsure it helps' });
  });

  it('keeps organisations apart', async () => {
    const journeyId = await startJourney(api, org, { title: 'Private' });
    const response = await api.attemptQuery(other.leader, 'journey', { id: journeyId });
    expect(errorCode(response)).toBe('JOURNEY_NOT_FOUND');
  });
});
