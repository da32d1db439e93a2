/**
 * Time travel: a journey as of any past instant. During a scripted story on an injected clock we
 * capture what the live `journey` query answers at several instants, then ask `journey(asOf:)` at
 * each of them afterwards and compare field by field: the past must read exactly as it read then,
 * with what was recorded later about it (a step taken then, recorded days after) taken in. The
 * comparisons run after a member who reflected has left and another has joined: who may see what
 * is today's membership's, and the past reads the same to those on the team throughout.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { addPerson, buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type JourneyInFull, type Person, type StepwiseApi } from './support/stepwise-api';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('a journey as of a past instant', () => {
  const clock = new FixedClock('2026-01-05T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;
  let ada: Person;
  let bo: Person;
  /** Reflects once, then is removed from the organisation once every capture is taken. */
  let cy: Person;
  /** Joins the team once every capture is taken. */
  let dee: Person;
  /** What the live query answered, per viewer, at each captured instant. */
  const captured: { at: string; views: Map<Person, JourneyInFull> }[] = [];
  let boTookStepAt: string;
  type StepInFull = JourneyInFull['steps'][number];
  /** Steps taken at one instant and recorded at a later one: as they read once recorded, with the journey version the record made. */
  const lateTakes: { step: StepInFull; recordedAt: string; version: number }[] = [];
  const recordedLate = async (stepId: string, version: number): Promise<void> => {
    const { steps } = await api.query(org.leader, 'journeyInFull', { id: journeyId });
    lateTakes.push({ step: steps.find(({ id }) => id === stepId)!, recordedAt: clock.now().toISOString(), version });
  };

  /**
   * A live view as it reads now that what was recorded later about its instant is known: the steps
   * taken by then, though recorded after, planned by then or only when they were recorded. (In this
   * story each such take came before the last step moved and before the last change, so those stay
   * as they read then.)
   */
  const asKnownNow = (view: JourneyInFull, at: string): JourneyInFull => {
    const late = lateTakes.filter(({ step, recordedAt }) => step.takenAt! <= at && recordedAt > at).map(({ step }) => step);
    if (late.length === 0) return view;
    const taken = <Step extends { id: string; status: string; takenAt: string | null }>(step: Step): Step => {
      const known = late.find(({ id }) => id === step.id);
      return known ? { ...step, status: known.status, takenAt: known.takenAt } : step;
    };
    const plannedLater = late.filter(({ id }) => !view.steps.some((step) => step.id === id));
    const byPlanOrder = (a: StepInFull, b: StepInFull): number => a.plannedAt.localeCompare(b.plannedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return {
      ...view,
      steps: [...view.steps.map(taken), ...plannedLater].sort(byPlanOrder),
      lastStep: view.lastStep && taken(view.lastStep),
      version: Math.max(view.version, ...lateTakes.filter(({ step }) => late.includes(step)).map(({ version }) => version)),
    };
  };

  const viewers = (): Person[] => [org.leader, ada, bo, org.admin];
  const capture = async (): Promise<void> => {
    const views = new Map<Person, JourneyInFull>();
    for (const viewer of viewers()) views.set(viewer, await api.query(viewer, 'journeyInFull', { id: journeyId }));
    captured.push({ at: clock.now().toISOString(), views });
  };

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'travel', staff: 3 });
    [ada, bo, cy] = org.staff;

    journeyId = await startJourney(api, org, { title: 'Weekly planning' });
    await capture();

    clock.advance(DAY);
    const step1 = (await api.mutate(ada, 'planStep', { journeyId, title: 'Share my plan', dueOn: '2026-01-09' })).createdId!;
    const step2 = (await api.mutate(bo, 'planStep', { journeyId, title: 'Pair on Monday' })).createdId!;
    const readAloud = (await api.mutate(ada, 'planStep', { journeyId, title: 'Read my plan aloud' })).createdId!;
    const adaReadAloudAt = new Date(clock.now().getTime() + HOUR).toISOString();
    clock.advance(2 * HOUR);
    await api.mutate(ada, 'takeStep', { journeyId, stepId: step1 });
    const noFromAda = (await api.mutate(ada, 'recordReflection', { journeyId, stepId: step1, closer: 'NO', comfort: 2, note: 'Exposed' })).createdId!;
    await capture();

    // Bo records three days late that he took his step an hour after the capture above.
    boTookStepAt = new Date(clock.now().getTime() + HOUR).toISOString();
    const boCalledAt = new Date(clock.now().getTime() + DAY).toISOString();
    clock.advance(3 * DAY);
    await api.mutate(bo, 'takeStep', { journeyId, stepId: step2, takenAt: boTookStepAt });
    const noFromBo = (await api.mutate(bo, 'recordReflection', { journeyId, stepId: step2, closer: 'NO', comfort: 4 })).createdId!;
    // Ada records that she read her plan aloud before the second capture, and before she took her first step.
    await recordedLate(readAloud, (await api.mutate(ada, 'takeStep', { journeyId, stepId: readAloud, takenAt: adaReadAloudAt })).outcome.version);
    clock.advance(HOUR);
    await api.mutate(org.leader, 'reviseVision', { journeyId, statement: 'Plans are shared, not perfect', reason: 'Drafts hid the plans' });
    await api.mutate(org.leader, 'makePivot', { journeyId, toDirection: 'Plan in pairs', reason: 'Two not-closer answers', reflectionIds: [noFromAda, noFromBo] });
    await capture();

    clock.advance(7 * DAY);
    // Bo puts in the journey a step he took before the capture above: planned now, taken then.
    const called = (await api.mutate(bo, 'planStep', { journeyId, title: 'Call the pilot team' })).createdId!;
    await recordedLate(called, (await api.mutate(bo, 'takeStep', { journeyId, stepId: called, takenAt: boCalledAt })).outcome.version);
    const step3 = (await api.mutate(ada, 'planStep', { journeyId, title: 'Draft a template' })).createdId!;
    clock.advance(HOUR);
    await api.mutate(ada, 'dropStep', { journeyId, stepId: step3, reason: 'Not needed after the pivot' });
    await api.mutate(ada, 'makeCommitment', { journeyId, description: 'Post my plan by 10am', dueOn: '2026-01-30' });
    await api.mutate(org.leader, 'pauseJourney', { journeyId, reason: 'Half-term' });
    await capture();

    clock.advance(5 * DAY);
    await api.mutate(org.leader, 'resumeJourney', { journeyId });
    await api.mutate(org.leader, 'reviseVision', { journeyId, statement: 'Plans are shared in pairs by 10am', reason: 'The pairs work' });
    const step4 = (await api.mutate(bo, 'planStep', { journeyId, title: 'Plan with the pilot team' })).createdId!;
    await api.mutate(bo, 'takeStep', { journeyId, stepId: step4 });
    await api.mutate(bo, 'recordReflection', { journeyId, stepId: step4, closer: 'YES', comfort: 4 });
    await api.mutate(org.leader, 'recordReflection', { journeyId, closer: 'YES', comfort: 3 });
    await api.mutate(cy, 'recordReflection', { journeyId, closer: 'UNSURE', comfort: 1, note: 'Lost in the pairs' });
    await capture();

    clock.advance(DAY);
    await api.mutate(org.leader, 'completeJourney', { journeyId, summary: 'Every team plans on Monday' });
    await capture();
    clock.advance(DAY);
    // Who may see what is decided by today's membership: someone removed since, and someone added since, change nothing in the past.
    await api.mutate(org.admin, 'removeMember', { memberId: cy.memberId });
    dee = await addPerson(api, org.admin, `${cy.subject}-dee`, 'Travel Dee');
    await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: dee.memberId, role: 'STAFF' });
    // About eighty mutations and two dozen captures: more than a default hook's time on a busy machine.
  }, 90_000);

  afterAll(() => stepwise?.close());

  it('the story moved every field time travel answers for', () => {
    const asLeader = captured.map(({ views }) => views.get(org.leader)!);
    expect(asLeader.map((view) => [view.status, view.vision?.version, view.direction, view.steps.length, view.reflectionCount])).toEqual([
      ['ACTIVE', 1, 'Start with one pilot team', 0, 0],
      ['ACTIVE', 1, 'Start with one pilot team', 3, 1],
      ['ACTIVE', 2, 'Plan in pairs', 3, 2],
      ['PAUSED', 2, 'Plan in pairs', 5, 2],
      ['ACTIVE', 3, 'Plan in pairs', 6, 5],
      ['COMPLETED', 3, 'Plan in pairs', 6, 5],
    ]);
    expect(asLeader.every((view) => view.asOf === null)).toBe(true);
  });

  it('asOf each captured instant answers what the live query answered then, with what was recorded later about then, field by field, for every viewer', async () => {
    for (const { at, views } of captured) {
      for (const viewer of viewers()) {
        const past = await api.query(viewer, 'journeyInFull', { id: journeyId, asOf: at });
        expect({ at, viewer: viewer.name, ...past }).toEqual({ at, viewer: viewer.name, ...asKnownNow(views.get(viewer)!, at), asOf: at });
      }
    }
  });

  it('is business time: a step taken at an earlier instant than it was recorded is taken as of then', async () => {
    const justAfter = new Date(new Date(boTookStepAt).getTime() + 1).toISOString();
    const justBefore = new Date(new Date(boTookStepAt).getTime() - 1).toISOString();
    const stepOf = async (asOf: string) => (await api.query(org.leader, 'journeyInFull', { id: journeyId, asOf })).steps.find(({ title }) => title === 'Pair on Monday');
    expect(await stepOf(justBefore)).toMatchObject({ status: 'PLANNED', takenAt: null });
    expect(await stepOf(justAfter)).toMatchObject({ status: 'TAKEN', takenAt: boTookStepAt });
  });

  it('names as the last step the one moved most recently by then, not the one whose move was recorded last', async () => {
    const [, second] = captured;
    const [{ step: readAloud }] = lateTakes;
    const past = await api.query(org.leader, 'journeyInFull', { id: journeyId, asOf: second.at });
    expect(past.steps.find(({ id }) => id === readAloud.id)).toMatchObject({ status: 'TAKEN', takenAt: readAloud.takenAt });
    // Ada took "Share my plan" after she read her plan aloud: it stays the last step as of then.
    expect(past.lastStep).toEqual(second.views.get(org.leader)!.lastStep);
    expect(past.lastStep).toMatchObject({ title: 'Share my plan', status: 'TAKEN' });
  });

  it('lists a step taken by then that was planned only when it was recorded, from when it was taken', async () => {
    const [, { step: called }] = lateTakes;
    const stepsAsOf = async (asOf: string) => (await api.query(org.leader, 'journeyInFull', { id: journeyId, asOf })).steps;
    const justBefore = new Date(new Date(called.takenAt!).getTime() - 1).toISOString();
    expect((await stepsAsOf(justBefore)).map(({ title }) => title)).not.toContain('Call the pilot team');
    expect((await stepsAsOf(called.takenAt!)).find(({ id }) => id === called.id)).toEqual(called);
  });

  it('keeps the live query’s visibility: a peer’s comfort hidden, an outsider NOT_FOUND', async () => {
    const [, second] = captured;
    const asAda = await api.query(ada, 'journeyInFull', { id: journeyId, asOf: second.at });
    expect(asAda.lastReflection).toMatchObject({ memberId: ada.memberId, comfort: 2, note: 'Exposed', comfortHiddenBecause: null });
    const asBo = await api.query(bo, 'journeyInFull', { id: journeyId, asOf: second.at });
    expect(asBo.lastReflection).toMatchObject({ memberId: ada.memberId, comfort: null, note: null, comfortHiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' });
    expect(errorCode(await api.attemptQuery(org.bystander, 'journeyInFull', { id: journeyId, asOf: second.at }))).toBe('JOURNEY_NOT_FOUND');
  });

  it('shows someone who joined since what a peer sees today, and nothing to someone who left since', async () => {
    const [, , , , fourth] = captured;
    const asDee = await api.query(dee, 'journeyInFull', { id: journeyId, asOf: fourth.at });
    expect(asDee.lastReflection).toMatchObject({ memberId: cy.memberId, closer: 'UNSURE', comfort: null, note: null, comfortHiddenBecause: 'INDIVIDUAL_COMFORT_IS_PRIVATE' });
    expect(asDee.reflectionCount).toBe(5);
    expect(errorCode(await api.attemptQuery(cy, 'journeyInFull', { id: journeyId, asOf: fourth.at }))).toBe('ORGANISATION_NOT_FOUND');
  });

  it('counts an event at exactly asOf and not a moment before it, whatever the offset asOf is written in', async () => {
    // The third capture was taken at the instant the vision was revised.
    const [, , third] = captured;
    const visionAsOf = async (asOf: string) => (await api.query(org.leader, 'journeyInFull', { id: journeyId, asOf })).vision?.version;
    const revisedAt = new Date(third.at).getTime();
    expect(await visionAsOf(third.at)).toBe(2);
    expect(await visionAsOf(new Date(revisedAt - 1).toISOString())).toBe(1);
    // Digits past the millisecond are dropped, never rounded up into the next.
    expect(await visionAsOf(new Date(revisedAt - 1).toISOString().replace('Z', '9Z'))).toBe(1);
    // The same instant at +13:00 and at -09:30.
    const at = (offsetMinutes: number, sign: string) => `${new Date(revisedAt + offsetMinutes * 60_000).toISOString().slice(0, -1)}${sign}`;
    const [atAuckland, atMarquesas] = [at(13 * 60, '+13:00'), at(-9.5 * 60, '-09:30')];
    expect(await api.query(org.leader, 'journeyInFull', { id: journeyId, asOf: atAuckland })).toEqual({ ...asKnownNow(third.views.get(org.leader)!, third.at), asOf: third.at });
    expect(await visionAsOf(atMarquesas)).toBe(2);
    expect(await visionAsOf(at(13 * 60 - 1 / 60_000, '+13:00'))).toBe(1);
  });

  it('reads as the live journey as of now', async () => {
    const now = clock.now().toISOString();
    for (const viewer of [org.leader, ada, dee]) {
      const live = await api.query(viewer, 'journeyInFull', { id: journeyId });
      expect(await api.query(viewer, 'journeyInFull', { id: journeyId, asOf: now })).toEqual({ ...live, asOf: now });
    }
  });

  it('refuses an instant before the journey started, and one in the future, with codes', async () => {
    const before = await api.attemptQuery(org.leader, 'journeyInFull', { id: journeyId, asOf: '2026-01-05T08:59:59.999Z' });
    expect(errorCode(before)).toBe('JOURNEY_NOT_STARTED_AS_OF');
    const future = await api.attemptQuery(org.leader, 'journeyInFull', { id: journeyId, asOf: new Date(clock.now().getTime() + 1).toISOString() });
    expect(errorCode(future)).toBe('VALIDATION_FAILED');
    expect(future.errors?.[0].extensions?.details).toMatchObject({ field: 'asOf', reason: 'IN_THE_FUTURE' });
    // Without a timezone the text names no instant: refused on asOf with the reason every DateTime field gives.
    // So is a day that does not exist, a date alone, a year past what a timestamp can hold, and a literal in the document.
    for (const asOf of ['2026-01-06T09:00:00', '2026-02-30T09:00:00Z', '2026-01-06', '+275761-01-01T00:00:00Z', '2026-01-06T09:00:00+24:00']) {
      const refused = await api.attemptQuery(org.leader, 'journeyInFull', { id: journeyId, asOf });
      expect({ asOf, code: errorCode(refused), details: refused.errors?.[0].extensions?.details }).toEqual({
        asOf,
        code: 'VALIDATION_FAILED',
        details: { field: 'asOf', reason: 'INVALID_DATE_TIME' },
      });
    }
    const literal = await api.send(org.leader, `query { journey(id: "${journeyId}", asOf: "2026-02-30T09:00:00Z") { id } }`);
    expect(literal.errors?.[0].extensions).toEqual({ code: 'VALIDATION_FAILED', details: { field: 'asOf', reason: 'INVALID_DATE_TIME' } });
  });
});

describe('a peer reading the mean comfort now and as of past instants', () => {
  const clock = new FixedClock('2026-02-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;
  /** The instant after each reflection, and the live aggregate a peer read then. */
  const readings: { at: string; live: JourneyInFull['comfort'] }[] = [];

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'mean', staff: 3 });
    journeyId = await startJourney(api, org, { title: 'Quiet mornings' });
    const [s1, s2, s3] = org.staff;
    // Three people answer (a group of three closes), then s1 alone, then s2 and s3 (the second group closes).
    for (const [who, comfort] of [[s1, 4], [s2, 2], [s3, 3], [s1, 1], [s2, 5], [s3, 5]] as const) {
      clock.advance(HOUR);
      await api.mutate(who, 'recordReflection', { journeyId, closer: 'YES', comfort });
      readings.push({ at: clock.now().toISOString(), live: (await api.query(s2, 'journeyInFull', { id: journeyId })).comfort });
    }
    clock.advance(HOUR);
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('moves only when a whole group of the minimum group size has answered, so no two readings tell one person’s comfort', async () => {
    const peer = org.staff[1];
    const asOf = async (at: string) => (await api.query(peer, 'journeyInFull', { id: journeyId, asOf: at })).comfort;
    const [, , third, fourth, fifth, sixth] = readings;
    const firstGroup = { meanComfort: 3, meanOverReflections: 3, hiddenBecause: null }; // (4 + 2 + 3) / 3
    expect(await asOf(third.at)).toMatchObject({ reflections: 3, people: 3, ...firstGroup });
    // s1's second answer alone (comfort 1) would be 4 × mean − 9 if the mean took it in: it waits for its group.
    expect(await asOf(fourth.at)).toMatchObject({ reflections: 4, people: 3, ...firstGroup });
    expect(await asOf(fifth.at)).toMatchObject({ reflections: 5, people: 3, ...firstGroup });
    expect(await asOf(sixth.at)).toMatchObject({ reflections: 6, people: 3, meanComfort: 20 / 6, meanOverReflections: 6, hiddenBecause: null });
    // The live figures read then are the same as the past read now.
    for (const { at, live } of readings) expect(await asOf(at)).toEqual(live);
  });
});
