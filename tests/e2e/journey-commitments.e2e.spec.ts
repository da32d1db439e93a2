/**
 * A journey's commitments over GraphQL: its leader lists what everyone on the team committed to and
 * marks one missed by the id the list gives, with no webhook or admin in between; a peer on the
 * team sees the same list; a member not on the team and another organisation see nothing.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Person, type StepwiseApi } from './support/stepwise-api';

const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("a journey's commitments, over GraphQL", () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let other: OrgFixture;
  let ada: Person;
  let bo: Person;
  let journeyId: string;
  let adas: string;
  let bos: string;

  const listed = async (who: Person, status?: string) =>
    (await api.query(who, 'journeyCommitments', { id: journeyId, ...(status && { status }) })).commitments.edges.map(({ node }) => [node.id, node.memberId, node.status]);

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'commitments', staff: 2 });
    other = await buildOrg(api, { label: 'elsewhere', staff: 0 });
    [ada, bo] = org.staff;
    journeyId = await startJourney(api, org);
    adas = (await api.mutate(ada, 'makeCommitment', { journeyId, description: 'Share the retro notes', dueOn: daysFromNow(7) })).createdId!;
    bos = (await api.mutate(bo, 'makeCommitment', { journeyId, description: 'Book the room', dueOn: daysFromNow(3) })).createdId!;
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('the leader lists everyone’s, soonest due first, and marks one missed by the id it lists', async () => {
    expect(await listed(org.leader)).toEqual([
      [bos, bo.memberId, 'OPEN'],
      [adas, ada.memberId, 'OPEN'],
    ]);
    await api.mutate(org.leader, 'missCommitment', { journeyId, commitmentId: bos });
    expect(await listed(org.leader, 'OPEN')).toEqual([[adas, ada.memberId, 'OPEN']]);
    expect(await listed(org.leader, 'MISSED')).toEqual([[bos, bo.memberId, 'MISSED']]);
  });

  it('a peer on the team sees the same list', async () => {
    expect((await listed(ada)).map(([id]) => id)).toEqual([bos, adas]);
  });

  it('a member not on the team, and another organisation’s leader, get JOURNEY_NOT_FOUND', async () => {
    for (const outsider of [org.bystander, other.leader]) {
      const response = await api.attemptQuery(outsider, 'journeyCommitments', { id: journeyId });
      expect(errorCode(response)).toBe('JOURNEY_NOT_FOUND');
      expect(JSON.stringify(response)).not.toContain('Book the room');
    }
  });
});
