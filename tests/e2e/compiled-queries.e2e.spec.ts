/**
 * Queries a client keeps sending are run by their compiled form (graphql-jit) from the second use on,
 * and answer exactly as graphql-js answered the first use: the same fields in the same order, the
 * same values, the same privacy. An answer holding an error is answered by graphql-js, so errors
 * read as before. `/metrics` counts which executor ran each operation.
 */
import { FixedClock } from '@stepwise/kernel';
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';
import { askUntil } from './support/ask-until';
import { analyticsCaughtUp } from './support/analytics-caught-up';
import { QUERIES } from './support/graphql-documents';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type Session, type StepwiseApi } from './support/stepwise-api';

const WINDOW = { from: '2026-10-26T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' };

/** A document exercising fragments, aliases, directives on variables, an interface and nested lists. */
const SHAPED = `query Shaped($id: ID!, $withSteps: Boolean!, $noVision: Boolean!) {
  first: journey(id: $id) { ...Head steps @include(if: $withSteps) { id title status takenAt } }
  again: node(id: $id) { __typename id ... on Journey { ...Head vision @skip(if: $noVision) { version statement } } }
}
fragment Head on Journey { id title status direction }`;

const executions = async (stepwise: Stepwise): Promise<Record<string, number>> => {
  const body = (await http(`${stepwise.url}/metrics`)).body;
  const counts: Record<string, number> = {};
  for (const match of body.matchAll(/^stepwise_graphql_executions_total\{executor="([a-z_]+)"\} (\d+)$/gm)) counts[match[1]] = Number(match[2]);
  return counts;
};

describe('queries run compiled', () => {
  const clock = new FixedClock('2026-11-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;

  /** Sends a document three times as `who`: the first use is interpreted, the later ones compiled. */
  const threeTimes = async (who: Session, query: string, variables: Record<string, unknown>): Promise<string[]> => {
    const answers: string[] = [];
    for (let use = 0; use < 3; use += 1) answers.push(JSON.stringify(await api.send(who, query, variables)));
    return answers;
  };

  beforeAll(async () => {
    stepwise = await startStepwise({ clock });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'compiled', staff: 3 });
    journeyId = await startJourney(api, org, { title: 'Quiet mornings' });
    const [s1, s2, s3] = org.staff;
    for (const [who, closer, comfort, at] of [
      [s1, 'YES', 4, '2026-11-02T10:00:00.000Z'],
      [s2, 'NO', 2, '2026-11-03T10:00:00.000Z'],
      [s3, 'UNSURE', 3, '2026-11-04T10:00:00.000Z'],
    ] as const) {
      clock.set(at);
      await takenStep(api, who, journeyId, `Step of ${who.name}`);
      await api.mutate(who, 'recordReflection', { journeyId, closer, comfort, note: `Note of ${who.name}` });
    }
    clock.set('2026-11-09T09:00:00.000Z');
    // Analytics follow the log on their own processor: wait until they hold all three reflections.
    await analyticsCaughtUp(stepwise);
    await askUntil(
      () => api.query(org.leader, 'teamAnalytics', { teamId: org.teamId, ...WINDOW }),
      (view) => view.direction.yes + view.direction.no + view.direction.unsure === 3,
    );
  }, 90_000);

  afterAll(() => stepwise?.close());

  it('answers every use of a document the same, from graphql-js first and compiled after', async () => {
    const before = await executions(stepwise);
    const cases: [Session, string, Record<string, unknown>][] = [
      [org.leader, QUERIES.teamAnalytics, { teamId: org.teamId, ...WINDOW }],
      [org.admin, QUERIES.organisationAnalytics, WINDOW],
      [org.staff[0], QUERIES.journeyInFull, { id: journeyId, asOf: '2026-11-03T12:00:00.000Z' }],
      [org.staff[0], QUERIES.journeyTimeline, { journeyId, first: 20 }],
      [org.leader, QUERIES.journeyTimeline, { journeyId, first: 20 }],
      [org.leader, SHAPED, { id: journeyId, withSteps: true, noVision: false }],
    ];
    for (const [who, query, variables] of cases) {
      const [interpreted, ...compiled] = await threeTimes(who, query, variables);
      expect(JSON.parse(interpreted).errors).toBeUndefined();
      for (const answer of compiled) expect(answer).toBe(interpreted);
    }
    const after = await executions(stepwise);
    expect((after.compiled ?? 0) - (before.compiled ?? 0)).toBeGreaterThanOrEqual(cases.length * 2 - 2);
  });

  it('keeps privacy: a peer sees no one else’s comfort or note, compiled as interpreted', async () => {
    const [peer] = org.staff;
    const answers = await threeTimes(peer, QUERIES.journeyTimeline, { journeyId, first: 20 });
    const edges = (JSON.parse(answers[2]).data.journeyTimeline.edges as { node: { actorName: string; note: string | null; comfortHiddenBecause: string | null } }[]).map(
      (edge) => edge.node,
    );
    const others = edges.filter((node) => node.actorName !== peer.name && node.comfortHiddenBecause !== null);
    expect(others.length).toBeGreaterThan(0);
    for (const node of others) expect(node.note).toBeNull();
  });

  it('answers a query whose answer holds an error through graphql-js, the error as before', async () => {
    const before = await executions(stepwise);
    const unknown = await threeTimes(org.leader, QUERIES.journey, { id: '00000000-0000-4000-8000-000000000000' });
    expect(JSON.parse(unknown[0]).errors[0].extensions.code).toBe('JOURNEY_NOT_FOUND');
    expect(unknown[1]).toBe(unknown[0]);
    expect(unknown[2]).toBe(unknown[0]);
    const badInstant = await threeTimes(org.leader, QUERIES.journeyInFull, { id: journeyId, asOf: 'yesterday' });
    expect(JSON.parse(badInstant[0]).errors[0].extensions.code).toBeDefined();
    expect(badInstant[2]).toBe(badInstant[0]);
    const after = await executions(stepwise);
    expect((after.compiled_then_interpreted ?? 0) - (before.compiled_then_interpreted ?? 0)).toBeGreaterThanOrEqual(2);
  });

  it('leaves mutations to graphql-js', async () => {
    const before = await executions(stepwise);
    await api.mutate(org.staff[1], 'planStep', { journeyId, title: 'One more' });
    await api.mutate(org.staff[1], 'planStep', { journeyId, title: 'And one more' });
    const after = await executions(stepwise);
    expect((after.interpreted ?? 0) - (before.interpreted ?? 0)).toBeGreaterThanOrEqual(2);
    expect(after.compiled ?? 0).toBe(before.compiled ?? 0);
  });
});
