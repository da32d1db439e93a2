/**
 * Support over GraphQL: a staff member asks for support, a leader reads what they asked and offers
 * support, and the asker reads the offer. The rest of the team, and an admin who is not on it, see
 * that support was asked for and offered, never the words; another organisation sees nothing.
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Connection, type Person, type StepwiseApi, type SupportRequestNode } from './support/stepwise-api';

const NEED = 'I freeze when I share a half-done plan; can we talk it through?';
const MESSAGE = 'Yes: Thursday 2pm, just the two of us';
const SECOND_NEED = 'Unclear what "done" means for the pilot';

describe('requests for support and the offers on them, over GraphQL', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let other: OrgFixture;
  let ada: Person;
  let bo: Person;
  let journeyId: string;
  let requestId: string;
  let secondRequestId: string;

  const nodesAs = async (who: Person): Promise<SupportRequestNode[]> =>
    (await api.query(who, 'journeySupportRequests', { id: journeyId })).supportRequests.edges.map(({ node }) => node);

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'support', staff: 2 });
    other = await buildOrg(api, { label: 'elsewhere', staff: 0 });
    [ada, bo] = org.staff;
    journeyId = await startJourney(api, org);
    requestId = (await api.mutate(ada, 'requestSupport', { journeyId, need: NEED })).createdId!;
    secondRequestId = (await api.mutate(bo, 'requestSupport', { journeyId, need: SECOND_NEED })).createdId!;
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('shows the team’s leader what was asked, open, before anyone answers', async () => {
    const [first, second] = await nodesAs(org.leader);
    expect(first).toEqual({
      id: requestId,
      journeyId,
      requesterId: ada.memberId,
      requesterName: ada.name,
      text: NEED,
      textHiddenBecause: null,
      status: 'OPEN',
      requestedAt: expect.any(String),
      offers: [],
    });
    expect(second).toMatchObject({ id: secondRequestId, requesterId: bo.memberId, text: SECOND_NEED, status: 'OPEN' });
  });

  describe('once the leader offers support', () => {
    beforeAll(async () => {
      await api.mutate(org.leader, 'offerSupport', { journeyId, requestId, message: MESSAGE });
    });

    it('the asker reads the leader’s message, and their request is answered', async () => {
      const mine = (await nodesAs(ada)).find((request) => request.id === requestId);
      expect(mine).toMatchObject({ text: NEED, textHiddenBecause: null, status: 'ANSWERED' });
      expect(mine?.offers).toEqual([
        { leaderId: org.leader.memberId, leaderName: org.leader.name, message: MESSAGE, messageHiddenBecause: null, offeredAt: expect.any(String) },
      ]);
    });

    it('the asker sees that a peer asked too, not what', async () => {
      const theirs = (await nodesAs(ada)).find((request) => request.id === secondRequestId);
      expect(theirs).toMatchObject({ requesterId: bo.memberId, text: null, textHiddenBecause: 'SUPPORT_IS_PRIVATE', status: 'OPEN' });
    });

    it('a peer on the team sees that support was asked for and offered, without the words', async () => {
      const seenByBo = (await nodesAs(bo)).find((request) => request.id === requestId);
      expect(seenByBo).toMatchObject({ requesterId: ada.memberId, text: null, textHiddenBecause: 'SUPPORT_IS_PRIVATE', status: 'ANSWERED' });
      expect(seenByBo?.offers).toEqual([
        { leaderId: org.leader.memberId, leaderName: org.leader.name, message: null, messageHiddenBecause: 'SUPPORT_IS_PRIVATE', offeredAt: expect.any(String) },
      ]);
    });

    it('an admin who is not on the team sees what a peer sees', async () => {
      const requests = await nodesAs(org.admin);
      expect(requests.map((request) => [request.id, request.text, request.textHiddenBecause])).toEqual([
        [requestId, null, 'SUPPORT_IS_PRIVATE'],
        [secondRequestId, null, 'SUPPORT_IS_PRIVATE'],
      ]);
      expect(requests[0].offers.map((offer) => [offer.message, offer.messageHiddenBecause])).toEqual([[null, 'SUPPORT_IS_PRIVATE']]);
    });

    it('the leader reads every request and offer on their team', async () => {
      const requests = await nodesAs(org.leader);
      expect(requests.map((request) => [request.text, request.status, request.offers.map((offer) => offer.message)])).toEqual([
        [NEED, 'ANSWERED', [MESSAGE]],
        [SECOND_NEED, 'OPEN', []],
      ]);
    });

    it('pages oldest first, one request at a time', async () => {
      const page = async (after: string | null) => {
        const response = await api.send(
          org.leader,
          `query($id: ID!, $after: String) { journey(id: $id) { supportRequests(first: 1, after: $after) {
             edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`,
          { id: journeyId, after },
        );
        expect(response.errors).toBeUndefined();
        return (response.data?.journey as { supportRequests: Connection<{ id: string }> }).supportRequests;
      };
      const first = await page(null);
      expect(first.edges.map(({ node }) => node.id)).toEqual([requestId]);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const next = await page(first.pageInfo.endCursor);
      expect(next.edges.map(({ node }) => node.id)).toEqual([secondRequestId]);
      expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    });

    it('another organisation’s leader, and a member not on the team, get JOURNEY_NOT_FOUND', async () => {
      for (const outsider of [other.leader, org.bystander]) {
        const response = await api.attemptQuery(outsider, 'journeySupportRequests', { id: journeyId });
        expect(errorCode(response)).toBe('JOURNEY_NOT_FOUND');
        expect(response.data?.journeySupportRequests ?? null).toBeNull();
        expect(JSON.stringify(response)).not.toContain(NEED);
      }
    });
  });

  it('once the journey is completed, a request made while it ran is still answered, and no new one is taken', async () => {
    const ended = await startJourney(api, org);
    const asked = (await api.mutate(ada, 'requestSupport', { journeyId: ended, need: NEED })).createdId!;
    await api.mutate(org.leader, 'completeJourney', { journeyId: ended, summary: 'Done for this term' });
    expect(errorCode(await api.attempt(bo, 'requestSupport', { journeyId: ended, need: SECOND_NEED }))).toBe('JOURNEY_CLOSED');
    await api.mutate(org.leader, 'offerSupport', { journeyId: ended, requestId: asked, message: MESSAGE });
    const [request] = (await api.query(ada, 'journeySupportRequests', { id: ended })).supportRequests.edges.map(({ node }) => node);
    expect(request).toMatchObject({ id: asked, status: 'ANSWERED', offers: [expect.objectContaining({ message: MESSAGE })] });
  });
});
