/**
 * Analytics answers kept in memory (apps/api/src/analytics/analytics-answer-cache.ts), on PostgreSQL
 * and PGlite: a repeat query is answered without SQL, a reflection recorded after it is seen (the
 * clock held still, so only the change, never the passing time, can renew the answer), answers are
 * never shared between tenants, and who may read them is decided afresh on every request: a team
 * role changed by a mutation counts from the mutation's answer on. The report kept beside the facts
 * is, at every instant, the report a fresh execution gives: across an hour of a support request's age,
 * a day of a quiet journey, the day support starts waiting and a Monday far from UTC.
 */
import { FixedClock } from '@stepwise/kernel';
import { installRoundTripCounter, type RoundTripCounter } from '../support/round-trip.counter';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Person, type StepwiseApi } from './support/stepwise-api';
import { askUntil } from './support/ask-until';

interface Figures {
  direction: { yes: number; no: number; unsure: number };
}

describe.each<['postgres' | 'pglite']>([['postgres'], ['pglite']])('kept analytics answers, on %s', (engine) => {
  const clock = new FixedClock('2026-11-04T07:00:00.000Z');
  let counter: RoundTripCounter;
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let a: OrgFixture;
  let b: OrgFixture;
  let journeyA: string;
  let journeyB: string;

  const NOW = '2026-11-04T09:00:00.000Z';
  /** A reflection half an hour before the instant every query is asked at (a window ends before its `to`). */
  const reflect = async (who: Person, journeyId: string, closer: string, comfort: number): Promise<void> => {
    clock.set('2026-11-04T08:30:00.000Z');
    await api.mutate(who, 'recordReflection', { journeyId, closer, comfort });
    clock.set(NOW);
  };
  const team = (who: Person, org: OrgFixture): Promise<Figures> => api.query(who, 'teamAnalytics', { teamId: org.teamId });

  /** Analytics follow the log on their own processor: ask until the answer shows `answers` reflections (bounded). */
  const showing = (ask: () => Promise<Figures>, answers: number): Promise<Figures> =>
    askUntil(ask, ({ direction: { yes, no, unsure } }) => yes + no + unsure >= answers);

  beforeAll(async () => {
    counter = installRoundTripCounter();
    stepwise = await startStepwise({ clock, engine });
    api = stepwiseApi(stepwise);
    // Two organisations built side by side: nothing of one waits on the other.
    [a, b] = await Promise.all([buildOrg(api, { label: 'cache-a', staff: 3 }), buildOrg(api, { label: 'cache-b', staff: 3 })]);
    [journeyA, journeyB] = await Promise.all([startJourney(api, a, { title: 'Kept answers' }), startJourney(api, b, { title: 'Kept answers' })]);
    clock.set(NOW);
    await reflect(a.staff[0], journeyA, 'YES', 4);
    for (const staff of b.staff.slice(0, 2)) await reflect(staff, journeyB, 'UNSURE', 2);
  }, 60_000);

  afterAll(async () => {
    await stepwise?.close();
  });

  it('answers a repeat query from memory, and a reflection recorded after it is seen', async () => {
    expect((await showing(() => team(a.leader, a), 1)).direction).toMatchObject({ yes: 1, no: 0 });
    if (engine === 'postgres') {
      // The analytics commit's notice may reach the api just after an answer that already shows the
      // commit was read and kept, and forget it (a miss, never a stale answer): a repeat comes from
      // memory once no notice is on its way. Each ask is one request; asked until one makes no trip.
      const repeats = await askUntil(
        async () => {
          counter.reset();
          const { direction } = await team(a.leader, a);
          return { direction, trips: counter.perRequest };
        },
        ({ trips }) => trips.length === 1 && trips[0] === 0,
      );
      expect(repeats.direction).toMatchObject({ yes: 1, no: 0 });
      expect(repeats.trips).toEqual([0]);
    }
    await reflect(a.staff[1], journeyA, 'NO', 2);
    // Asked at the same instant: the kept answer would hold for ever unless the change reached it.
    expect((await showing(() => team(a.leader, a), 2)).direction).toMatchObject({ yes: 1, no: 1 });
  });

  it('never gives one organisation’s answer to another', async () => {
    const fromA = await showing(() => team(a.leader, a), 2);
    const fromB = await showing(() => team(b.leader, b), 2);
    expect(fromA.direction).toMatchObject({ yes: 1, no: 1, unsure: 0 });
    expect(fromB.direction).toMatchObject({ yes: 0, no: 0, unsure: 2 });
    // The same team id asked for in the other organisation is not found, kept answers or not.
    expect(errorCode(await api.attemptQuery({ ...a.leader, organisationId: b.organisationId }, 'teamAnalytics', { teamId: b.teamId }))).toBe('ORGANISATION_NOT_FOUND');
    expect(errorCode(await api.attemptQuery(a.leader, 'teamAnalytics', { teamId: b.teamId }))).toBe('TEAM_NOT_FOUND');
    expect((await team(b.leader, b)).direction).toMatchObject({ unsure: 2 });
  });

  it('decides who may read on every request: staff are refused after a leader’s answer is kept, and a role change counts at once', async () => {
    await team(a.leader, a);
    const staff = a.staff[2];
    expect(errorCode(await api.attemptQuery(staff, 'teamAnalytics', { teamId: a.teamId }))).toBe('LEADER_REQUIRED');
    await api.mutate(a.admin, 'changeTeamRole', { teamId: a.teamId, memberId: staff.memberId, role: 'LEADER' });
    expect((await team(staff, a)).direction).toMatchObject({ yes: 1, no: 1 });
    await api.mutate(a.admin, 'changeTeamRole', { teamId: a.teamId, memberId: staff.memberId, role: 'STAFF' });
    expect(errorCode(await api.attemptQuery(staff, 'teamAnalytics', { teamId: a.teamId }))).toBe('LEADER_REQUIRED');
    expect(errorCode(await api.attemptQuery(a.bystander, 'teamAnalytics', { teamId: a.teamId }))).toBe('TEAM_NOT_FOUND');
  });

  it('gives, at every instant, the report a fresh execution gives, kept or not', async () => {
    const WEEKS_12 = 12 * 7 * 86_400_000;
    // Monday 9 Nov 00:00 on the Chatham Islands (+13:45) is 10:15 UTC on Sunday 8 Nov.
    await api.mutate(a.admin, 'updateOrganisationSettings', { timezone: 'Pacific/Chatham' });
    clock.set('2026-11-04T08:40:00.000Z');
    await api.mutate(a.staff[0], 'requestSupport', { journeyId: journeyA, need: 'Which Friday?' });
    clock.set(NOW);
    const deadline = Date.now() + 15_000;
    while ((await api.query(a.leader, 'teamAnalytics', { teamId: a.teamId })).support.open === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const instants = [
      NOW,
      '2026-11-04T09:10:00.000Z',
      '2026-11-04T09:39:59.999Z',
      '2026-11-04T09:40:00.000Z', // the request is an hour old
      '2026-11-04T09:40:00.001Z',
      '2026-11-05T06:59:59.999Z',
      '2026-11-05T07:00:00.000Z', // the journey a day quiet
      '2026-11-05T08:40:00.000Z', // support waiting for a day
      '2026-11-08T10:14:59.999Z',
      '2026-11-08T10:15:00.000Z', // a Monday on the Chatham Islands
      '2026-11-08T10:15:00.001Z',
      '2026-11-08T11:00:00.000Z',
      '2026-11-18T07:00:00.000Z', // stalled after 14 days
      '2026-11-18T07:30:00.000Z',
    ];
    for (const at of instants) {
      clock.set(at);
      const kept = await api.query(a.leader, 'teamAnalytics', { teamId: a.teamId });
      // The same window asked with its start spelled out: facts and report read afresh at this instant.
      const fresh = await api.query(a.leader, 'teamAnalytics', { teamId: a.teamId, from: new Date(Date.parse(at) - WEEKS_12).toISOString() });
      expect({ at, ...kept }).toEqual({ at, ...fresh });
      expect(await api.query(a.leader, 'teamAnalytics', { teamId: a.teamId })).toEqual(kept);
    }
    clock.set(NOW);
  });
});
