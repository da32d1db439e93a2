/**
 * The schema as Relay and Apollo clients expect it: `node(id:)` refetches a Journey, Team, Member,
 * Step or Commitment under the same visibility rules as the object's own query (anything else answers null, never an
 * error that tells it exists), and connections say where a page sits (`hasPreviousPage`,
 * `startCursor`). Also: the SDL that `npm run schema:write` commits is the schema the running api serves.
 */
import { randomUUID } from 'node:crypto';
import { buildApiSchema, printApiSchema } from '@stepwise/api';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Person, type StepwiseApi } from './support/stepwise-api';

describe('Relay conformance', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let other: OrgFixture;
  let staff: Person;
  let journeyId: string;
  let stepId: string;
  let commitmentId: string;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'relay', staff: 1 });
    other = await buildOrg(api, { label: 'elsewhere', staff: 1 });
    staff = org.staff[0];
    journeyId = await startJourney(api, org, { title: 'Weekly planning' });
    stepId = (await api.mutate(staff, 'planStep', { journeyId, title: 'Draft the plan' })).createdId!;
    const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    commitmentId = (await api.mutate(staff, 'makeCommitment', { journeyId, description: 'Share the plan', dueOn })).createdId!;
  });

  afterAll(() => stepwise.close());

  const node = async (as: Person, id: string) => {
    const response = await api.attemptQuery(as, 'node', { id });
    expect(response.errors).toBeUndefined();
    return (response.data as { node: Record<string, unknown> | null }).node;
  };

  describe('node(id:)', () => {
    it('refetches a visible journey, team, member, step and commitment as their own queries show them', async () => {
      const journey = await api.query(staff, 'journey', { id: journeyId });
      expect(await node(staff, journeyId)).toEqual({ __typename: 'Journey', id: journeyId, title: journey.title, teamId: org.teamId });

      const team = await api.query(staff, 'team', { id: org.teamId });
      expect(await node(staff, org.teamId)).toEqual({ __typename: 'Team', id: org.teamId, name: team.name, myRole: 'STAFF' });

      expect(await node(staff, org.leader.memberId)).toEqual({ __typename: 'Member', id: org.leader.memberId, displayName: org.leader.name, orgRole: 'MEMBER' });

      expect(await node(staff, stepId)).toEqual({ __typename: 'Step', id: stepId, title: 'Draft the plan', journeyId, ownerId: staff.memberId, stepStatus: 'PLANNED' });
      expect(await node(org.leader, commitmentId)).toEqual({
        __typename: 'Commitment',
        id: commitmentId,
        description: 'Share the plan',
        journeyId,
        memberId: staff.memberId,
        commitmentStatus: 'OPEN',
      });
    });

    it('shows an admin every team and journey, as team(id:) and journey(id:) do', async () => {
      expect(await node(org.admin, journeyId)).toMatchObject({ __typename: 'Journey', id: journeyId });
      expect(await node(org.admin, org.teamId)).toMatchObject({ __typename: 'Team', id: org.teamId, myRole: null });
    });

    it('answers null for a journey or team the caller may not see, where their own queries answer NOT_FOUND', async () => {
      const outsider = org.bystander;
      expect(errorCode(await api.attemptQuery(outsider, 'journey', { id: journeyId }))).toBe('JOURNEY_NOT_FOUND');
      expect(errorCode(await api.attemptQuery(outsider, 'team', { id: org.teamId }))).toBe('TEAM_NOT_FOUND');
      expect(await node(outsider, journeyId)).toBeNull();
      expect(await node(outsider, org.teamId)).toBeNull();
      // A journey's steps and commitments follow the journey's rule.
      expect(await node(outsider, stepId)).toBeNull();
      expect(await node(outsider, commitmentId)).toBeNull();
      expect(await node(org.admin, stepId)).toMatchObject({ __typename: 'Step', id: stepId });
      // Members are visible to the whole organisation, as the members query shows them.
      expect(await node(outsider, staff.memberId)).toMatchObject({ __typename: 'Member', id: staff.memberId });
    });

    it('answers null for every id of another organisation, even to its admin', async () => {
      for (const id of [journeyId, org.teamId, org.admin.memberId, staff.memberId, stepId, commitmentId, org.organisationId]) {
        expect(await node(other.admin, id)).toBeNull();
      }
    });

    it('answers null for ids that never existed, whatever their shape', async () => {
      for (const id of [randomUUID(), 'not-an-id', '']) {
        expect(await node(staff, id)).toBeNull();
      }
    });

    it('answers null for a member who has left', async () => {
      const leaving = other.staff[0];
      await api.mutate(other.admin, 'removeMember', { memberId: leaving.memberId });
      expect(await node(other.admin, leaving.memberId)).toBeNull();
    });
  });

  describe('connections', () => {
    it('say whether a page has items before it, and give the cursors of both its ends', async () => {
      // The journey's timeline holds its start, vision, direction, the planned step and the commitment: five entries.
      const first = await api.query(org.leader, 'journeyTimeline', { journeyId, first: 3 });
      expect(first.edges).toHaveLength(3);
      expect(first.pageInfo).toEqual({
        hasNextPage: true,
        hasPreviousPage: false,
        startCursor: first.edges[0].cursor,
        endCursor: first.edges[2].cursor,
      });

      const second = await api.query(org.leader, 'journeyTimeline', { journeyId, first: 3, after: first.pageInfo.endCursor });
      expect(second.edges).toHaveLength(2);
      expect(second.pageInfo).toEqual({
        hasNextPage: false,
        hasPreviousPage: true,
        startCursor: second.edges[0].cursor,
        endCursor: second.edges[1].cursor,
      });

      const past = await api.query(org.leader, 'journeyTimeline', { journeyId, first: 3, after: second.pageInfo.endCursor });
      expect(past).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
    });
  });

  it('serves the schema that npm run schema:write commits', async () => {
    const response = await stepwise.graphql<IntrospectionQuery>({ query: getIntrospectionQuery() });
    expect(response.errors).toBeUndefined();
    const served = `${printSchema(lexicographicSortSchema(buildClientSchema(response.data!)))}\n`;
    expect(served).toBe(printApiSchema(await buildApiSchema()));
  });
});
