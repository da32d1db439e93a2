/**
 * A person's comfort is theirs and their team leaders': an organisation ADMIN who does not lead the
 * team reads its (and its journeys') analytics as the organisation view shows them, comfort and
 * direction withheld with a reason below the minimum group size (3 here), while the team's LEADER
 * sees every figure. Asked at one instant, so the answers kept for one reader are there to be given
 * to the other: they must not be.
 */
import { FixedClock } from '@stepwise/kernel';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type AnalyticsView, type Person, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';

const BELOW = "Fewer than 3 people answered in this period (the organisation's minimum group size)";
// The Monday after the story's week: that week is over, so an aggregate-only reader's figures count it.
const NOW = '2026-11-09T09:00:00.000Z';
const NO_WEEK_SHOWN = "No finished week in this period had at least 3 people answering on one journey (the organisation's minimum group size)";

describe('analytics for an admin who does not lead the team', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z'); // a Monday
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;

  const reflect = async (who: Person, at: string, closer: 'YES' | 'NO', comfort: number): Promise<void> => {
    clock.set(at);
    await api.mutate(who, 'recordReflection', { journeyId, closer, comfort });
    clock.set(NOW);
  };
  const team = (who: Person): Promise<AnalyticsView> => api.query(who, 'teamAnalytics', { teamId: org.teamId });
  const journey = (who: Person): Promise<AnalyticsView> => api.query(who, 'journeyAnalytics', { journeyId });

  /** Analytics follow the log on their own processor: wait until the leader's answer shows `reflections`. */
  const settled = async (reflections: number): Promise<void> => {
    const shows = ({ direction: { yes, no, unsure } }: AnalyticsView): boolean => yes + no + unsure >= reflections;
    await analyticsCaughtUp(stepwise);
    if (!shows(await askUntil(() => team(org.leader), shows))) throw new Error(`analytics never showed ${reflections} reflections`);
  };

  const expectWithheld = (view: AnalyticsView): void => {
    expect(view.direction).toEqual({
      yes: 0,
      no: 0,
      unsure: 0,
      closerRate: null,
      comfortMean: null,
      comfortDistribution: [0, 0, 0, 0, 0],
      quadrants: { flowing: 0, stretching: 0, stuck: 0, coasting: 0 },
      people: 0,
      weeksWithheld: 1,
      suppression: { suppressed: true, reason: NO_WEEK_SHOWN },
    });
    const week = view.weeks.find((found) => found.week === '2026-11-02')!;
    expect(week.direction).toMatchObject({ no: 0, comfortMean: null, comfortDistribution: [0, 0, 0, 0, 0], suppression: { suppressed: true, reason: BELOW } });
    expect(view.weeks.every((found) => found.direction.comfortMean === null && found.direction.suppression.suppressed)).toBe(true);
    expect(view.transitionDips).toEqual([]);
    expect(view.participation).toMatchObject({ members: 4, reflected: null, share: null, suppression: { suppressed: true, reason: BELOW } });
    // What counts work, not answers, is shown: the support request waiting and the step taken.
    expect(view.attention.map((finding) => finding.code)).toEqual(['SUPPORT_WAITING']);
    expect(view.attentionSuppression).toEqual({ suppressed: true, reason: expect.stringMatching(/comfort or direction.*team's leaders/) });
    expect(view.support.open).toBe(1);
    expect(view.momentum.stepsTaken).toBe(1);
  };

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'admin-privacy', staff: 3 });
    journeyId = await startJourney(api, org, { title: 'Shared desks' });
    const [s1] = org.staff;
    const stepId = (await api.mutate(s1, 'planStep', { journeyId, title: 'Try a shared desk' })).createdId!;
    await api.mutate(s1, 'takeStep', { journeyId, stepId });
    clock.set('2026-11-02T10:00:00.000Z');
    await api.mutate(org.leader, 'reviseVision', { journeyId, statement: 'Every desk is shared', reason: 'We grew' });
    // One person, three times not closer and at comfort 1: a pivot to consider, and their comfort.
    for (const at of ['2026-11-02T11:00:00.000Z', '2026-11-02T12:00:00.000Z', '2026-11-02T13:00:00.000Z']) await reflect(s1, at, 'NO', 1);
    clock.set('2026-11-02T14:00:00.000Z');
    await api.mutate(s1, 'requestSupport', { journeyId, need: 'I cannot concentrate' });
    clock.set(NOW);
    await settled(3);
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('one person reflected: the leader sees their comfort and direction, the admin has them withheld with a reason', async () => {
    const leaderFirst = await team(org.leader);
    expect(leaderFirst.direction).toMatchObject({ no: 3, comfortMean: 1, comfortDistribution: [3, 0, 0, 0, 0], people: 1, suppression: { suppressed: false } });
    expect(leaderFirst.attention.map((finding) => finding.code)).toEqual(['PIVOT_CONSIDERED', 'SUPPORT_WAITING']);
    expect(leaderFirst.attentionSuppression).toEqual({ suppressed: false, reason: null });
    expect(leaderFirst.transitionDips).toHaveLength(1);
    expect(leaderFirst.participation).toMatchObject({ reflected: 1, suppression: { suppressed: false } });

    // Asked after the leader at the same instant, then before them: each reader's own answer.
    expectWithheld(await team(org.admin));
    expectWithheld(await journey(org.admin));
    expect((await journey(org.leader)).direction).toMatchObject({ comfortMean: 1, people: 1 });
    expect(await team(org.leader)).toEqual(leaderFirst);
  });

  it('two people reflected: still below the minimum group size for the admin', async () => {
    await reflect(org.staff[1], '2026-11-03T09:00:00.000Z', 'YES', 2);
    await settled(4);
    expectWithheld(await team(org.admin));
    expectWithheld(await journey(org.admin));
    expect((await team(org.leader)).direction).toMatchObject({ yes: 1, no: 3, comfortMean: 1.25, people: 2 });
  });

  it('three people reflected: the admin sees the aggregates, findings on answers still withheld', async () => {
    await reflect(org.staff[2], '2026-11-03T10:00:00.000Z', 'YES', 4);
    await settled(5);
    for (const view of [await team(org.admin), await journey(org.admin)]) {
      expect(view.direction).toEqual({
        yes: 2,
        no: 3,
        unsure: 0,
        closerRate: 0.4,
        comfortMean: 1.8, // (1 + 1 + 1 + 2 + 4) / 5
        comfortDistribution: [3, 1, 0, 1, 0],
        // Left out: each answer's direction is shown with who gave it (analytics-quadrant-privacy.e2e).
        quadrants: { flowing: 0, stretching: 0, stuck: 0, coasting: 0 },
        people: 3,
        weeksWithheld: 0,
        suppression: { suppressed: false, reason: null },
      });
      expect(view.weeks.find((found) => found.week === '2026-11-02')!.direction).toMatchObject({ comfortMean: 1.8, people: 3, suppression: { suppressed: false } });
      expect(view.participation).toMatchObject({ reflected: 3, suppression: { suppressed: false } });
      expect(view.transitionDips).toEqual([]);
      expect(view.attention.map((finding) => finding.code)).toEqual(['SUPPORT_WAITING']);
      expect(view.attentionSuppression.suppressed).toBe(true);
      expect(view.quadrantsSuppression.suppressed).toBe(true);
    }
    expect((await team(org.leader)).transitionDips).toHaveLength(1);
  });

  it('an admin who leads the team sees every figure, as its leaders do', async () => {
    await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: org.admin.memberId, role: 'LEADER' });
    const view = await team(org.admin);
    expect(view.attentionSuppression).toEqual({ suppressed: false, reason: null });
    expect(view.quadrantsSuppression).toEqual({ suppressed: false, reason: null });
    expect(view.transitionDips).toHaveLength(1);
    expect(view).toEqual(await team(org.leader));
  });
});
