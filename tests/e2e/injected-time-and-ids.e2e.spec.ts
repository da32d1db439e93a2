/**
 * Time and ids are injected: with a fixed clock and a sequential id generator, what a journey
 * records is exactly predictable, which is what makes replays and these specs deterministic.
 */
import { FixedClock, SequentialIdGenerator, uuidFromParts } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';

describe('a fixed clock and predictable ids', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;

  beforeAll(async () => {
    stepwise = await startStepwise({ clock, ids: new SequentialIdGenerator('command') });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'clockwork' });
  });

  afterAll(() => stepwise.close());

  it('stamps every event with the injected time, and moves only when the clock does', async () => {
    const journeyId = await startJourney(api, org, { title: 'Calm Mondays' });
    clock.advance(90 * 60_000);
    await api.mutate(org.leader, 'planStep', { journeyId, title: 'Stand-up at 9:15' });
    const timeline = await api.query(org.leader, 'journeyTimeline', { journeyId, first: 10 });
    const times = timeline.edges.map((edge: { node: { eventType: string; at: string } }) => [edge.node.eventType, edge.node.at]);
    expect(times).toEqual([
      ['JourneyStarted', '2026-03-02T09:00:00.000Z'],
      ['VisionArticulated', '2026-03-02T09:00:00.000Z'],
      ['DirectionSet', '2026-03-02T09:00:00.000Z'],
      ['StepPlanned', '2026-03-02T10:30:00.000Z'],
    ]);
  });

  it('derives what a command creates from its command id, so ids are predictable', async () => {
    const started = await api.mutate(org.leader, 'startJourney', { teamId: org.teamId, title: 'Predictable' });
    // The generator hands out command-1, command-2, …; the journey id is derived from one of them.
    const candidates = Array.from({ length: 200 }, (_, index) => uuidFromParts('entity', `command-${index + 1}`, 'journey'));
    expect(candidates).toContain(started.journeyId);
  });
});
