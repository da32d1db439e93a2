/**
 * Text that cannot be stored as sent is refused at the GraphQL edge, field by field: a lone UTF-16
 * surrogate (JSON variables allow it; PostgreSQL refuses it in JSON and turns it into U+FFFD in a text
 * column, so two ids would name one record) and U+0000 (PostgreSQL cannot hold it). Each answers
 * VALIDATION_FAILED naming the argument path, and nothing is written. A table of fields: a new
 * operation is covered by adding a row. Text that merely looks like an escape is stored as sent.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import type { MutationName, QueryName } from './support/graphql-documents';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Input, type Person, type StepwiseApi } from './support/stepwise-api';

const inAWeek = (): string => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

const UNSTORABLE: readonly [string, string, string][] = [
  ['a lone leading surrogate', '\uD800', 'LONE_SURROGATE'],
  ['a lone trailing surrogate', '\uDC00', 'LONE_SURROGATE'],
  ['a NUL', '\u0000', 'NUL_CHARACTER'],
];

interface World {
  readonly org: OrgFixture;
  readonly journeyId: string;
  readonly stepId: string;
  readonly plannedStepId: string;
}

type Role = 'admin' | 'leader' | 'staff';
type Case =
  | { readonly kind: 'mutation'; readonly name: MutationName; readonly as: Role; readonly input: (w: World, bad: string) => Input; readonly field: string }
  | { readonly kind: 'query'; readonly name: QueryName; readonly as: Role; readonly variables: (w: World, bad: string) => Input; readonly field: string };

const mutation = (name: MutationName, field: string, input: (w: World, bad: string) => Input, as: Role = 'leader'): Case => ({ kind: 'mutation', name, as, input, field });
const query = (name: QueryName, field: string, variables: (w: World, bad: string) => Input, as: Role = 'leader'): Case => ({ kind: 'query', name, as, variables, field });

const CASES: readonly [string, Case][] = [
  ['createTeam.name', mutation('createTeam', 'name', (_w, bad) => ({ name: `Team ${bad}` }), 'admin')],
  ['addMember.displayName', mutation('addMember', 'displayName', (_w, bad) => ({ subject: 'someone-new', displayName: `Sam ${bad}`, orgRole: 'MEMBER' }), 'admin')],
  ['addMember.subject', mutation('addMember', 'subject', (_w, bad) => ({ subject: `someone-${bad}`, displayName: 'Sam', orgRole: 'MEMBER' }), 'admin')],
  ['updateMemberPreferences.timezone', mutation('updateMemberPreferences', 'timezone', (w, bad) => ({ memberId: w.org.staff[0].memberId, timezone: `Europe/${bad}` }), 'admin')],
  ['startJourney.title', mutation('startJourney', 'title', (w, bad) => ({ teamId: w.org.teamId, title: `Pilot ${bad}` }))],
  ['startJourney.teamId', mutation('startJourney', 'teamId', (w, bad) => ({ teamId: `${w.org.teamId}${bad}`, title: 'Pilot' }))],
  ['reviseVision.expectations[1]', mutation('reviseVision', 'expectations[1]', (w, bad) => ({ journeyId: w.journeyId, statement: 'New', expectations: ['ok', `x${bad}`], reason: 'r' }))],
  ['reviseVision.successSignals[0]', mutation('reviseVision', 'successSignals[0]', (w, bad) => ({ journeyId: w.journeyId, statement: 'New', successSignals: [bad], reason: 'r' }))],
  ['reviseVision.reason', mutation('reviseVision', 'reason', (w, bad) => ({ journeyId: w.journeyId, statement: 'New', reason: `because ${bad}` }))],
  ['setDirection.direction', mutation('setDirection', 'direction', (w, bad) => ({ journeyId: w.journeyId, direction: `North ${bad}` }))],
  ['makePivot.toDirection', mutation('makePivot', 'toDirection', (w, bad) => ({ journeyId: w.journeyId, toDirection: `South ${bad}`, reason: 'r' }))],
  ['makePivot.reflectionIds[0]', mutation('makePivot', 'reflectionIds[0]', (w, bad) => ({ journeyId: w.journeyId, toDirection: 'South', reason: 'r', reflectionIds: [`r-${bad}`] }))],
  ['planStep.title', mutation('planStep', 'title', (w, bad) => ({ journeyId: w.journeyId, title: `Step ${bad}` }), 'staff')],
  ['planStep.journeyId', mutation('planStep', 'journeyId', (w, bad) => ({ journeyId: `${w.journeyId}${bad}`, title: 'Step' }), 'staff')],
  ['planStep.clientMutationId', mutation('planStep', 'clientMutationId', (w, bad) => ({ journeyId: w.journeyId, title: 'Step', clientMutationId: `k-${bad}` }), 'staff')],
  ['takeStep.stepId', mutation('takeStep', 'stepId', (w, bad) => ({ journeyId: w.journeyId, stepId: `${w.plannedStepId}${bad}` }), 'staff')],
  ['dropStep.reason', mutation('dropStep', 'reason', (w, bad) => ({ journeyId: w.journeyId, stepId: w.plannedStepId, reason: `no ${bad}` }))],
  ['recordReflection.note', mutation('recordReflection', 'note', (w, bad) => ({ journeyId: w.journeyId, closer: 'YES', comfort: 3, note: `felt ${bad}`, stepId: w.stepId }), 'staff')],
  ['requestSupport.need', mutation('requestSupport', 'need', (w, bad) => ({ journeyId: w.journeyId, need: `help ${bad}` }), 'staff')],
  ['makeCommitment.description', mutation('makeCommitment', 'description', (w, bad) => ({ journeyId: w.journeyId, description: `do ${bad}`, dueOn: inAWeek() }), 'staff')],
  ['pauseJourney.reason', mutation('pauseJourney', 'reason', (w, bad) => ({ journeyId: w.journeyId, reason: `wait ${bad}` }))],
  ['completeJourney.summary', mutation('completeJourney', 'summary', (w, bad) => ({ journeyId: w.journeyId, summary: `done ${bad}` }))],
  ['journey(id)', query('journey', 'id', (w, bad) => ({ id: `${w.journeyId}${bad}` }))],
  ['journeyTimeline(after)', query('journeyTimeline', 'after', (w, bad) => ({ journeyId: w.journeyId, after: `cursor${bad}` }))],
  ['team(id)', query('team', 'id', (w, bad) => ({ id: `${w.org.teamId}${bad}` }), 'admin')],
];

describe('text that cannot be stored', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let world: World;

  const person = (role: Role): Person => (role === 'admin' ? world.org.admin : role === 'leader' ? world.org.leader : world.org.staff[0]);
  /** Everything a refused operation could have changed. */
  const everything = async () => ({
    journey: await api.query(world.org.leader, 'journey', { id: world.journeyId }),
    journeys: await api.query(world.org.admin, 'teamJourneys', { teamId: world.org.teamId, first: 100 }),
    team: await api.query(world.org.admin, 'team', { id: world.org.teamId }),
    teams: await api.query(world.org.admin, 'teams'),
    members: await api.query(world.org.admin, 'members'),
  });

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    const org = await buildOrg(api, { label: 'text', staff: 1 });
    const journeyId = await startJourney(api, org);
    const stepId = await takenStep(api, org.staff[0], journeyId, 'Taken once');
    const plannedStepId = (await api.mutate(org.staff[0], 'planStep', { journeyId, title: 'Planned' })).createdId!;
    world = { org, journeyId, stepId, plannedStepId };
  }, 60_000);

  afterAll(() => stepwise?.close());

  describe.each(UNSTORABLE)('%s', (_label, bad, reason) => {
    it.each(CASES)('%s', async (_name, c) => {
      const before = await everything();
      const response =
        c.kind === 'mutation' ? await api.attempt(person(c.as), c.name, c.input(world, bad)) : await api.attemptQuery(person(c.as), c.name, c.variables(world, bad));
      expect(response.errors).toHaveLength(1);
      expect(errorCode(response)).toBe('VALIDATION_FAILED');
      expect(response.errors?.[0].extensions?.details).toEqual({ field: c.field, reason });
      expect(response.errors?.[0].message).toContain(c.field);
      expect(response.data?.[c.name] ?? null).toBeNull();
      expect(await everything()).toEqual(before);
    });
  });

  it('stores text that only looks like an escape, and characters beyond the BMP, as sent', async () => {
    const title = 'Read \\u0000 and \\uD800 literally, then ship \u{1F680}';
    await api.mutate(world.org.staff[0], 'planStep', { journeyId: world.journeyId, title });
    const steps = await api.query(world.org.staff[0], 'myOpenSteps', { first: 100 });
    expect(steps.edges.map((edge) => edge.node.title)).toContain(title);
  });
});
