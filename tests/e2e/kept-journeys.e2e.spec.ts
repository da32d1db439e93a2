/**
 * Journeys kept in memory by the api (apps/api/src/journeys/kept-journeys.read-model.ts), on
 * PostgreSQL and PGlite: a repeat read is answered without SQL, a change someone else makes is seen
 * as soon as their mutation has answered, kept rows are never given to another organisation or to a
 * member the access policy hides them from, and a team-role change counts from the mutation's answer
 * on. Every read here is asked once, without polling: a stale kept answer fails the spec.
 */
import { installRoundTripCounter, type RoundTripCounter } from '../support/round-trip.counter';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type JourneyView, type Person, type StepwiseApi } from './support/stepwise-api';

describe.each<['postgres' | 'pglite']>([['postgres'], ['pglite']])('kept journeys, on %s', (engine) => {
  let counter: RoundTripCounter;
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let a: OrgFixture;
  let b: OrgFixture;
  let journeyA: string;

  const journey = (who: Person, id = journeyA): Promise<JourneyView> => api.query(who, 'journey', { id });
  const teamPage = async (who: Person, org: OrgFixture): Promise<string[]> =>
    (await api.query(who, 'teamJourneys', { teamId: org.teamId })).edges.map((edge) => edge.node.lastStep?.title ?? '');
  /** The SQL round trips of one request. */
  const trips = async (send: () => Promise<unknown>): Promise<number> => {
    counter.reset();
    await send();
    return counter.perRequest[0];
  };

  beforeAll(async () => {
    counter = installRoundTripCounter();
    stepwise = await startStepwise({ engine });
    api = stepwiseApi(stepwise);
    a = await buildOrg(api, { label: 'kept-a', staff: 2 });
    b = await buildOrg(api, { label: 'kept-b', staff: 1 });
    journeyA = await startJourney(api, a, { title: 'Kept journeys' });
  }, 60_000);

  afterAll(async () => {
    await stepwise?.close();
  });

  it('answers a repeat read from memory, and shows a change someone else made once their mutation has answered', async () => {
    await journey(a.staff[0]);
    await teamPage(a.staff[0], a);
    expect(await trips(() => journey(a.staff[0]))).toBe(0);
    expect(await trips(() => teamPage(a.staff[0], a))).toBe(0);
    for (const title of ['First kept change', 'Second kept change']) {
      await api.mutate(a.leader, 'planStep', { journeyId: journeyA, title });
      expect((await journey(a.staff[0])).lastStep?.title).toBe(title);
      expect(await teamPage(a.staff[0], a)).toEqual([title]);
    }
  });

  it('never gives a kept journey to another organisation, nor to a member the access policy hides it from', async () => {
    expect((await journey(a.staff[0])).id).toBe(journeyA);
    expect(errorCode(await api.attemptQuery(b.admin, 'journey', { id: journeyA }))).toBe('JOURNEY_NOT_FOUND');
    expect(errorCode(await api.attemptQuery(b.staff[0], 'journey', { id: journeyA }))).toBe('JOURNEY_NOT_FOUND');
    // A member on no team of the organisation, asked twice: refused both times, kept or not.
    for (let ask = 0; ask < 2; ask += 1) expect(errorCode(await api.attemptQuery(a.bystander, 'journey', { id: journeyA }))).toBe('JOURNEY_NOT_FOUND');
    expect((await journey(a.admin)).id).toBe(journeyA);
  });

  it('counts a team-role change from the mutation’s answer on: a member taken off the team is refused at once, and seen again once back', async () => {
    const leaving = a.staff[1];
    expect((await journey(leaving)).id).toBe(journeyA);
    expect(await trips(() => journey(leaving))).toBe(0);
    await api.mutate(a.admin, 'removeTeamMember', { teamId: a.teamId, memberId: leaving.memberId });
    expect(errorCode(await api.attemptQuery(leaving, 'journey', { id: journeyA }))).toBe('JOURNEY_NOT_FOUND');
    expect(errorCode(await api.attemptQuery(leaving, 'teamJourneys', { teamId: a.teamId }))).toBe('TEAM_NOT_FOUND');
    await api.mutate(a.admin, 'addTeamMember', { teamId: a.teamId, memberId: leaving.memberId, role: 'STAFF' });
    expect((await journey(leaving)).id).toBe(journeyA);
  });
});
