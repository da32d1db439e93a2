/**
 * SQL round trips per request, counted where the api sends them (every node-postgres query issued
 * while a request is handled; the worker's projections are not counted). The count is behaviour:
 * a tenant-scoped read is one round trip (the tenant set inside it, no BEGIN/COMMIT), and none when
 * the api keeps its answer (a journey or a team's page, until the organisation's journeys or teams
 * change); the membership check of the edge is answered from memory once known, and it is read again
 * after the member's role or membership changes, in this process or another. A mutation is at most five: here one
 * statement reads the journey with the organisation and team streams its guards read, the append
 * (which notifies readers in the same statement) writes, the wait for the read models is answered
 * by the runner's announcement without a query, and one read makes the payload.
 */
import { randomUUID } from 'node:crypto';
import { installRoundTripCounter, type RoundTripCounter } from '../support/round-trip.counter';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { addPerson, buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Outcome, type StepwiseApi } from './support/stepwise-api';

describe('SQL round trips per request', () => {
  let counter: RoundTripCounter;
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;

  beforeAll(async () => {
    counter = installRoundTripCounter();
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'trips', staff: 2 });
    journeyId = await startJourney(api, org);
    await takenStep(api, org.staff[0], journeyId, 'Count the trips');
  }, 60_000);

  afterAll(async () => {
    await stepwise?.close();
  });

  /** The round trips of one request, and the statements it sent. */
  const counted = async (send: () => Promise<unknown>): Promise<{ trips: number; statements: readonly string[] }> => {
    counter.reset();
    await send();
    expect(counter.perRequest).toHaveLength(1);
    return { trips: counter.perRequest[0], statements: counter.lastStatements };
  };

  /** A change to the organisation's journeys: the api forgets the journeys it kept for it. */
  const changeJourneys = (): Promise<unknown> => api.mutate(org.leader, 'planStep', { journeyId, title: `Forget kept journeys ${randomUUID().slice(0, 8)}` });

  it('reads a journey in one round trip once the caller is known, with no BEGIN or COMMIT; the same read again costs none until a journey changes', async () => {
    await api.query(org.staff[0], 'journey', { id: journeyId });
    await changeJourneys();
    const { trips, statements } = await counted(() => api.query(org.staff[0], 'journey', { id: journeyId }));
    expect(trips).toBe(1);
    expect(statements.join(' ')).not.toMatch(/\b(BEGIN|COMMIT)\b/);
    expect((await counted(() => api.query(org.staff[0], 'journey', { id: journeyId }))).trips).toBe(0);
    await changeJourneys();
    expect((await counted(() => api.query(org.staff[0], 'journey', { id: journeyId }))).trips).toBe(1);
  });

  it("reads a team's journeys in one round trip: the page with the caller's team role; kept after that", async () => {
    await api.query(org.staff[0], 'teamJourneys', { teamId: org.teamId });
    await changeJourneys();
    const { trips, statements } = await counted(() => api.query(org.staff[0], 'teamJourneys', { teamId: org.teamId }));
    expect(trips).toBe(1);
    expect(statements.join(' ')).not.toMatch(/\b(BEGIN|COMMIT)\b/);
    expect((await counted(() => api.query(org.staff[0], 'teamJourneys', { teamId: org.teamId }))).trips).toBe(0);
  });

  it("refuses a team's journeys to a member on no team with TEAM_NOT_FOUND from the same one read; an admin on no team sees them", async () => {
    const outsider = await addPerson(api, org.admin, `trips-outsider-${randomUUID().slice(0, 8)}`, 'Trips Outsider');
    await api.attemptQuery(outsider, 'teamJourneys', { teamId: org.teamId });
    await changeJourneys();
    counter.reset();
    expect(errorCode(await api.attemptQuery(outsider, 'teamJourneys', { teamId: org.teamId }))).toBe('TEAM_NOT_FOUND');
    expect(counter.perRequest).toEqual([1]);
    // Kept, the refusal still comes from the access policy, on every request.
    expect(errorCode(await api.attemptQuery(outsider, 'teamJourneys', { teamId: org.teamId }))).toBe('TEAM_NOT_FOUND');
    expect(counter.perRequest).toEqual([1, 0]);
    expect(errorCode(await api.attemptQuery(org.staff[0], 'teamJourneys', { teamId: 'no-such-team' }))).toBe('TEAM_NOT_FOUND');
    const admin = await api.query(org.admin, 'teamJourneys', { teamId: org.teamId });
    expect(admin.edges.map((edge) => edge.node.id)).toContain(journeyId);
  });

  it('records a reflection in three round trips: the streams read at once, the append, the payload', async () => {
    const reflect = (closer: string, comfort: number) => api.mutate(org.staff[0], 'recordReflection', { journeyId, closer, comfort });
    await reflect('YES', 4);
    let outcome: Outcome | undefined;
    const { trips, statements } = await counted(async () => (outcome = (await reflect('NO', 2)).outcome));
    expect(outcome).toMatchObject({ projected: true, replayed: false });
    expect(trips).toBeLessThanOrEqual(5);
    expect(statements).toEqual([
      expect.stringMatching(/^SELECT wanted\.ord, tail\.\* FROM unnest/),
      expect.stringMatching(/^WITH stream_lock AS MATERIALIZED/),
      expect.stringMatching(/^SELECT journey\.\*/),
    ]);
    expect(trips).toBe(3);
  });

  it('checks a new caller’s membership once, then answers it from memory', async () => {
    const first = await counted(() => api.query(org.staff[1], 'journey', { id: journeyId }));
    expect(first.statements[0]).toMatch(/FROM subject_memberships/);
    expect(first.trips).toBe(2);
    await changeJourneys();
    const again = await counted(() => api.query(org.staff[1], 'journey', { id: journeyId }));
    expect(again.trips).toBe(1);
    expect(again.statements[0]).toMatch(/^SELECT journey\.\*/);
  });

  it('reads the membership again after it changes: a removed member is refused at once', async () => {
    const leaving = org.staff[1];
    await api.query(leaving, 'journey', { id: journeyId });
    const removed = await api.mutate(org.admin, 'removeMember', { memberId: leaving.memberId });
    expect(removed.outcome.projected).toBe(true);
    expect(errorCode(await api.attemptQuery(leaving, 'journey', { id: journeyId }))).toBe('ORGANISATION_NOT_FOUND');
  });

  it('reads the membership again after the role changes', async () => {
    const bystander = org.bystander;
    // A MEMBER on no team does not see the team's journeys; an ADMIN sees every team's.
    expect(errorCode(await api.attemptQuery(bystander, 'journey', { id: journeyId }))).toBe('JOURNEY_NOT_FOUND');
    expect((await api.mutate(org.admin, 'changeMemberRole', { memberId: bystander.memberId, orgRole: 'ADMIN' })).outcome.projected).toBe(true);
    expect((await api.query(bystander, 'journey', { id: journeyId })).id).toBe(journeyId);
  });
});
