/**
 * What a client gets back when it asks for something wrong: domain rules broken (a stable
 * extensions.code each), malformed requests, queries past the depth/alias/cost/page limits, fields
 * past their length — each refused with nothing written — and an unexpected failure masked. And the
 * other side: a mutation's payload already shows its own write.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { getIntrospectionQuery } from 'graphql';
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type Input, type Person, type StepwiseApi } from './support/stepwise-api';
import { QUERIES, type MutationName } from './support/graphql-documents';
import { NUDGE_DOCUMENTS } from './support/nudge-documents';

describe('errors and limits', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let ada: Person;
  let journeyId: string;
  let stepId: string;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'limits', staff: 1 });
    ada = org.staff[0];
    journeyId = await startJourney(api, org);
    stepId = await takenStep(api, ada, journeyId, 'Taken once');
  }, 30_000);

  afterAll(() => stepwise?.close());

  const version = async (): Promise<number> => (await api.query(org.leader, 'journey', { id: journeyId })).version;

  describe('domain rules answer with a stable code, and nothing is written', () => {
    const cases = (): [string, 'admin' | 'leader' | 'staff', MutationName, Input, string, Record<string, unknown>?][] => [
      ['a step is taken once', 'staff', 'takeStep', { journeyId, stepId }, 'STEP_ALREADY_TAKEN', { field: 'stepId', stepId }],
      ['the vision is articulated once', 'leader', 'articulateVision', { journeyId, statement: 'Again' }, 'VISION_ALREADY_ARTICULATED', { journeyId }],
      ['the direction is set once, then pivoted', 'leader', 'setDirection', { journeyId, direction: 'Another' }, 'DIRECTION_ALREADY_SET'],
      ['a pivot names a new direction', 'leader', 'makePivot', { journeyId, toDirection: ' start WITH one pilot team ', reason: 'Same' }, 'PIVOT_SAME_DIRECTION', { field: 'toDirection' }],
      ['a revision changes the vision', 'leader', 'reviseVision', {
        journeyId,
        statement: 'Every team plans its week together on Monday',
        expectations: ['Plans are shared by 10am'],
        successSignals: ['Nobody asks "what are we doing this week?"'],
        reason: 'No change',
      }, 'VISION_UNCHANGED', { field: 'statement', journeyId }],
      ['a journey that is not paused cannot resume', 'leader', 'resumeJourney', { journeyId }, 'JOURNEY_NOT_PAUSED'],
      ['an unknown step', 'staff', 'takeStep', { journeyId, stepId: 'no-such-step' }, 'STEP_NOT_FOUND', { field: 'stepId', stepId: 'no-such-step' }],
      ['an unknown journey', 'staff', 'planStep', { journeyId: 'no-such-journey', title: 'x' }, 'JOURNEY_NOT_FOUND', { journeyId: 'no-such-journey' }],
      ['an unknown support request', 'leader', 'offerSupport', { journeyId, requestId: 'nope', message: 'x' }, 'SUPPORT_REQUEST_NOT_FOUND', { field: 'requestId', requestId: 'nope' }],
      ['an unknown commitment', 'staff', 'keepCommitment', { journeyId, commitmentId: 'nope' }, 'COMMITMENT_NOT_FOUND', { field: 'commitmentId', commitmentId: 'nope' }],
      ['an unknown reflection to cite', 'leader', 'makePivot', { journeyId, toDirection: 'Elsewhere', reason: 'x', reflectionIds: ['nope'] }, 'REFLECTION_NOT_FOUND', { field: 'reflectionIds', reflectionIds: ['nope'] }],
      ['a step owner not on the team', 'leader', 'planStep', { journeyId, title: 'Whose?', ownerId: 'no-such-member' }, 'TEAM_MEMBER_NOT_FOUND', { field: 'ownerId', memberId: 'no-such-member' }],
      ['a committing member not on the team', 'leader', 'makeCommitment', { journeyId, description: 'Who?', dueOn: '2999-01-01', memberId: 'no-such-member' }, 'TEAM_MEMBER_NOT_FOUND', { field: 'memberId', memberId: 'no-such-member' }],
      ['comfort is 1 to 5', 'staff', 'recordReflection', { journeyId, closer: 'YES', comfort: 6 }, 'VALIDATION_FAILED', { field: 'comfort' }],
      ['a due date is not in the past', 'staff', 'planStep', { journeyId, title: 'Late', dueOn: '2001-01-01' }, 'VALIDATION_FAILED'],
      ['a blank title', 'staff', 'planStep', { journeyId, title: '   ' }, 'VALIDATION_FAILED', { field: 'title' }],
      ['takenAt is a date-time', 'staff', 'takeStep', { journeyId, stepId, takenAt: 'last tuesday' }, 'VALIDATION_FAILED', { field: 'takenAt' }],
      ['takenAt is not in the future', 'staff', 'takeStep', { journeyId, stepId, takenAt: '2999-01-01T00:00:00Z' }, 'VALIDATION_FAILED'],
      // An empty optional id is not "absent": it is refused, naming the field.
      ['an empty step owner', 'leader', 'planStep', { journeyId, title: 'Whose?', ownerId: '' }, 'VALIDATION_FAILED', { field: 'ownerId' }],
      ['an empty committing member', 'leader', 'makeCommitment', { journeyId, description: 'Who?', dueOn: '2999-01-01', memberId: '' }, 'VALIDATION_FAILED', { field: 'memberId' }],
      ['an empty reflection step', 'staff', 'recordReflection', { journeyId, closer: 'YES', comfort: 3, stepId: '' }, 'VALIDATION_FAILED', { field: 'stepId' }],
      ['a clientMutationId is short and plain', 'staff', 'planStep', { journeyId, title: 'x', clientMutationId: 'has spaces in it' }, 'VALIDATION_FAILED', { field: 'clientMutationId', reason: 'INVALID_FORMAT' }],
      // Managing a team names the member input at fault, as planStep and makeCommitment do.
      ['removing a member not on the team', 'admin', 'removeTeamMember', { teamId: org.teamId, memberId: 'no-such-member' }, 'TEAM_MEMBER_NOT_FOUND', { field: 'memberId', memberId: 'no-such-member' }],
      ['a new role for a member not on the team', 'admin', 'changeTeamRole', { teamId: org.teamId, memberId: 'no-such-member', role: 'LEADER' }, 'TEAM_MEMBER_NOT_FOUND', { field: 'memberId', memberId: 'no-such-member' }],
      ['adding a member already on the team', 'admin', 'addTeamMember', { teamId: org.teamId, memberId: ada.memberId, role: 'STAFF' }, 'TEAM_MEMBER_ALREADY_EXISTS', { field: 'memberId', memberId: ada.memberId }],
      ['adding someone who is not a member', 'admin', 'addTeamMember', { teamId: org.teamId, memberId: 'no-such-member', role: 'STAFF' }, 'MEMBER_NOT_FOUND', { field: 'memberId', memberId: 'no-such-member' }],
      // An id no journey or team can have names none: not found, as any other id the caller cannot see.
      ['a journey id longer than any id', 'staff', 'takeStep', { journeyId: 'j'.repeat(300), stepId }, 'JOURNEY_NOT_FOUND'],
      ['a team id longer than any id', 'leader', 'startJourney', { teamId: 't'.repeat(300), title: 'x' }, 'TEAM_NOT_FOUND'],
      ['an empty team id', 'leader', 'startJourney', { teamId: '', title: 'x' }, 'TEAM_NOT_FOUND', { teamId: '' }],
      ['a team id longer than any id, to manage', 'admin', 'addTeamMember', { teamId: 't'.repeat(300), memberId: ada.memberId, role: 'STAFF' }, 'TEAM_NOT_FOUND'],
    ];

    it('every rule', async () => {
      const before = await version();
      for (const [rule, who, name, input, code, details] of cases()) {
        const response = await api.attempt({ admin: org.admin, leader: org.leader, staff: ada }[who], name, input);
        const error = response.errors?.[0];
        expect({ rule, code: error?.extensions?.code }).toEqual({ rule, code });
        if (details) expect({ rule, details: error?.extensions?.details }).toEqual({ rule, details: expect.objectContaining(details) });
        expect(error?.message).toEqual(expect.any(String));
        expect(error?.extensions).not.toHaveProperty('stacktrace');
        expect(response.data?.[name] ?? null).toBeNull();
      }
      expect(await version()).toBe(before);
    });

    it('steps need a vision first', async () => {
      const { journeyId: bare } = await api.mutate(org.leader, 'startJourney', { teamId: org.teamId, title: 'No vision yet' });
      expect(errorCode(await api.attempt(ada, 'planStep', { journeyId: bare, title: 'Too early' }))).toBe('VISION_REQUIRED');
      expect(errorCode(await api.attempt(org.leader, 'makePivot', { journeyId: bare, toDirection: 'x', reason: 'x' }))).toBe('DIRECTION_REQUIRED');
    });

    it('takenAt is a real instant with a timezone, not before the journey began: anything else is refused on the field, the step left planned', async () => {
      const planned = (await api.mutate(ada, 'planStep', { journeyId, title: 'Taken when?' })).createdId!;
      const before = await version();
      for (const takenAt of [
        '2026-02-30T10:00:00Z', // no such day (it would read as 2 March)
        '2026-01-01T24:00:00Z',
        '2026', // not a date-time at all
        'March 1',
        '2026-01-01T10:00', // no timezone: the server's own would be guessed
        0, // not a string
        true,
        '2001-01-01T00:00:00Z', // long before the journey began
      ]) {
        const response = await api.attempt(ada, 'takeStep', { journeyId, stepId: planned, takenAt });
        const error = response.errors?.[0];
        expect({ takenAt, code: error?.extensions?.code, field: (error?.extensions?.details as { field?: string })?.field }).toEqual({
          takenAt,
          code: 'VALIDATION_FAILED',
          field: 'takenAt',
        });
      }
      const inline = await api.send(ada, `mutation { takeStep(input: { journeyId: "${journeyId}", stepId: "${planned}", takenAt: 5 }) { journeyId } }`);
      expect(inline.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'takenAt' } });
      expect(await version()).toBe(before);
    });

    it('a member reflects once on a step; a pivot cites "not closer" reflections on the current direction: refusals name the field, nothing is written', async () => {
      const loop = await startJourney(api, org, { title: 'Loop rules' });
      const step = await takenStep(api, ada, loop, 'Reflected on once');
      const notCloser = (await api.mutate(ada, 'recordReflection', { journeyId: loop, closer: 'NO', comfort: 2, stepId: step })).createdId!;
      const closer = (await api.mutate(org.leader, 'recordReflection', { journeyId: loop, closer: 'YES', comfort: 4, stepId: step })).createdId!;
      const before = (await api.query(org.leader, 'journey', { id: loop })).version;

      const again = (await api.attempt(ada, 'recordReflection', { journeyId: loop, closer: 'YES', comfort: 4, stepId: step })).errors?.[0];
      expect(again?.extensions).toMatchObject({ code: 'STEP_ALREADY_REFLECTED', details: { field: 'stepId', stepId: step } });
      const citesCloser = (await api.attempt(org.leader, 'makePivot', { journeyId: loop, toDirection: 'Two pilot teams', reason: 'Not closer', reflectionIds: [notCloser, closer] })).errors?.[0];
      expect(citesCloser?.extensions).toMatchObject({ code: 'REFLECTION_SAID_CLOSER', details: { field: 'reflectionIds', reflectionIds: [closer] } });
      expect((await api.query(org.leader, 'journey', { id: loop })).version).toBe(before);

      await api.mutate(org.leader, 'makePivot', { journeyId: loop, toDirection: 'Two pilot teams', reason: 'Not closer', reflectionIds: [notCloser] });
      const cited = (await api.attempt(org.leader, 'makePivot', { journeyId: loop, toDirection: 'Every team at once', reason: 'Still not closer', reflectionIds: [notCloser] })).errors?.[0];
      expect(cited?.extensions).toMatchObject({ code: 'REFLECTION_ON_EARLIER_DIRECTION', details: { field: 'reflectionIds', reflectionIds: [notCloser] } });
      expect((await api.query(org.leader, 'journey', { id: loop })).version).toBe(before + 1);
    });

    it('a leader does not answer their own support request: naming the field, nothing written', async () => {
      const requestId = (await api.mutate(org.leader, 'requestSupport', { journeyId, need: 'A sounding board' })).createdId!;
      const before = await version();
      const own = (await api.attempt(org.leader, 'offerSupport', { journeyId, requestId, message: 'Sorted' })).errors?.[0];
      expect(own?.extensions).toMatchObject({ code: 'OWN_SUPPORT_REQUEST', details: { field: 'requestId', requestId } });
      expect(await version()).toBe(before);
    });

    it('a reflection is about a taken step', async () => {
      const planned = (await api.mutate(ada, 'planStep', { journeyId, title: 'Not yet taken' })).createdId!;
      const notTaken = (await api.attempt(ada, 'recordReflection', { journeyId, closer: 'YES', comfort: 3, stepId: planned })).errors?.[0];
      expect(notTaken?.extensions).toMatchObject({ code: 'STEP_NOT_TAKEN', details: { field: 'stepId', stepId: planned } });
    });
  });

  describe('several mutations in one document', () => {
    it('a refused one is null beside its error; one applied before it keeps its answer, and one after it still runs', async () => {
      const planned = (await api.mutate(ada, 'planStep', { journeyId, title: 'Taken in a batch' })).createdId!;
      const before = await version();
      const response = await api.send(
        ada,
        `mutation($journeyId: ID!, $stepId: ID!) {
          first: takeStep(input: { journeyId: $journeyId, stepId: $stepId }) { outcome { replayed } }
          second: planStep(input: { journeyId: $journeyId, title: "" }) { createdId }
          third: planStep(input: { journeyId: $journeyId, title: "Planned after a refusal" }) { createdId }
        }`,
        { journeyId, stepId: planned },
      );
      expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['second'], 'VALIDATION_FAILED']]);
      expect(response.data).toEqual({ first: { outcome: { replayed: false } }, second: null, third: { createdId: expect.any(String) } });
      // The step taken and the one planned after the refusal, nothing of the refused one.
      expect(await version()).toBe(before + 2);
      expect(errorCode(await api.attempt(ada, 'takeStep', { journeyId, stepId: planned }))).toBe('STEP_ALREADY_TAKEN');
    });
  });

  describe('malformed requests', () => {
    it('a bad enum in variables: BAD_USER_INPUT; inline: GRAPHQL_VALIDATION_FAILED', async () => {
      const viaVariables = await api.attempt(ada, 'recordReflection', { journeyId, closer: 'MAYBE', comfort: 3 });
      expect(errorCode(viaVariables)).toBe('BAD_USER_INPUT');
      const inline = await api.send(ada, `mutation { recordReflection(input: { journeyId: "${journeyId}", closer: MAYBE, comfort: 3 }) { journeyId } }`);
      expect(errorCode(inline)).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('a wrongly typed or missing variable: BAD_USER_INPUT', async () => {
      expect(errorCode(await api.attempt(ada, 'recordReflection', { journeyId, closer: 'YES', comfort: 'very' }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await api.attempt(ada, 'recordReflection', { journeyId, closer: 'YES' }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await api.attemptQuery(ada, 'journey', {}))).toBe('BAD_USER_INPUT');
    });

    // Validation lets a nullable variable stand where the argument has a default; a null sent in it is
    // refused as graphql-js runs the operation, and that is still the client's mistake.
    it('null in a nullable variable for a non-null argument or input field with a default: BAD_USER_INPUT, nothing written', async () => {
      const page = await api.send(ada, 'query($first: Int) { teamJourneys(teamId: $team, first: $first) { edges { cursor } } }'.replace('$team', JSON.stringify(org.teamId)), { first: null });
      expect(errorCode(page)).toBe('BAD_USER_INPUT');
      expect(page.errors?.[0].message).toBe('Argument "first" of non-null type "Int!" must not be null.');
      const before = await version();
      const pivot = await api.send(org.leader, 'mutation($ids: [ID!]) { makePivot(input: { journeyId: $journey, reason: "Why", toDirection: "Elsewhere", reflectionIds: $ids }) { createdId } }'.replace('$journey', JSON.stringify(journeyId)), { ids: null });
      expect(errorCode(pivot)).toBe('BAD_USER_INPUT');
      expect(await version()).toBe(before);
    });

    it('an unknown field: GRAPHQL_VALIDATION_FAILED', async () => {
      const response = await api.send(ada, '{ myTeams { id secretField } }');
      expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('a subscription (the schema has none): GRAPHQL_VALIDATION_FAILED, not INTERNAL', async () => {
      for (const document of ['subscription { me { id } }', 'subscription Watch { __typename }', 'query A { me { id } } subscription B { me { id } }']) {
        const response = await api.send(ada, document);
        expect({ document, status: response.status, code: errorCode(response) }).toEqual({ document, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
        expect(response.errors?.[0].message).toMatch(/subscription/);
      }
    });

    it('unparseable: GRAPHQL_PARSE_FAILED', async () => {
      expect(errorCode(await api.send(ada, '{ myTeams { id '))).toBe('GRAPHQL_PARSE_FAILED');
    });
  });

  describe('query limits', () => {
    it('too many aliases: TOO_MANY_ALIASES', async () => {
      const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(' ')} }`;
      const response = await api.send(ada, aliases(31));
      expect(response.errors).toEqual([expect.objectContaining({ extensions: { code: 'TOO_MANY_ALIASES' } })]);
      expect((await api.send(ada, aliases(30))).data).toMatchObject({ a0: 'Query', a29: 'Query' });
    });

    it('aliases inside introspection: TOO_MANY_ALIASES, before anything is answered, even without a token', async () => {
      // Ten aliases of types around ten of fields around ten more, within 30 aliases and 2,000 tokens: it was answered with 62 MB.
      const fields = (prefix: string, inner: string) => Array.from({ length: 10 }, (_, index) => `${prefix}${index}: fields { name description ${inner} }`).join(' ');
      const heavy = `fragment C on __Type { name ${fields('c', 'args { name description }')} }
        fragment B on __Type { name description ${fields('b', 'type { ...C }')} }
        { __schema { ${Array.from({ length: 10 }, (_, index) => `a${index}: types { ...B }`).join(' ')} } }`;
      const response = await stepwise.graphql({ query: heavy });
      expect(response.errors).toEqual([expect.objectContaining({ extensions: { code: 'TOO_MANY_ALIASES' } })]);
      expect(response.data).toBeUndefined();
      // The introspection clients send, with no alias, is answered.
      expect((await stepwise.graphql({ query: '{ __schema { queryType { name } types { name fields { name } } } }' })).data).toMatchObject({ __schema: { queryType: { name: 'Query' } } });
    });

    it('too costly: QUERY_TOO_COSTLY', async () => {
      const page = 'teamJourneys(teamId: $teamId, first: 100) { edges { node { id teamId startedBy title status direction version vision { version statement by } lastStep { id title } lastReflection { id note } } } }';
      const response = await api.send(ada, `query($teamId: ID!) { a: ${page} b: ${page} c: ${page} }`, { teamId: org.teamId });
      expect(errorCode(response)).toBe('QUERY_TOO_COSTLY');
    });

    it('a list answered whole inside a page counts as 20 of its items: a journey’s steps in a page of 100 journeys is too costly', async () => {
      const steps = (first: number) => `query($teamId: ID!) { teamJourneys(teamId: $teamId, first: ${first}) { edges { node { id steps { id title status } } } } }`;
      const refused = await api.send(ada, steps(100), { teamId: org.teamId }); // 1 + 100 × (1 + 1 + 1 + 1 + 20 × 3)
      expect(refused.errors).toEqual([expect.objectContaining({ message: 'The query would cost 6401; at most 5000 is allowed', extensions: { code: 'QUERY_TOO_COSTLY' } })]);
      const served = await api.send(ada, steps(50), { teamId: org.teamId });
      expect(served.errors).toBeUndefined();
      const teams = await api.send(org.admin, '{ teams { members { memberId } } members { id } }'); // 1 + 20 × (1 + 20) + 1 + 20
      expect(teams.errors).toBeUndefined();
    });

    it('a page size given as a variable costs the value sent, as if written in the query', async () => {
      const steps = `query($teamId: ID!, $first: Int) { teamJourneys(teamId: $teamId, first: $first) { edges { node { id steps { id title status } } } } }`;
      const served = await api.send(ada, steps, { teamId: org.teamId, first: 50 });
      expect(served.errors).toBeUndefined();
      const refused = await api.send(ada, steps, { teamId: org.teamId, first: 100 });
      expect(refused.errors).toEqual([expect.objectContaining({ message: 'The query would cost 6401; at most 5000 is allowed', extensions: { code: 'QUERY_TOO_COSTLY' } })]);
      expect(refused.status).toBe(400);
      // Left out, the page is the connection's default of 20: 1 + 20 × 64.
      const defaulted = await api.send(ada, steps, { teamId: org.teamId });
      expect(defaulted.errors).toBeUndefined();
    });

    it('a page size no connection serves is refused by the connection, naming `first`, not costed as asked', async () => {
      const page = (first: string) => `query($teamId: ID!${first === '$first' ? ', $first: Int' : ''}) { teamJourneys(teamId: $teamId, first: ${first}) { edges { node { id } } } }`;
      for (const [query, variables] of [
        [page('$first'), { first: 1000 }],
        [page('1000000000'), {}],
        [page('0'), {}],
        [page('-5'), {}],
      ] as const) {
        const refused = await api.send(ada, query, { teamId: org.teamId, ...variables });
        expect(refused.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field: 'first' }) }) })]);
      }
    });

    it('an oversized or empty page, or a forged cursor: VALIDATION_FAILED', async () => {
      // An empty cursor is not "no cursor": it is refused like any other string that is not one.
      for (const variables of [{ first: 101 }, { first: 0 }, { first: -1 }, { first: 5, after: 'not-a-cursor' }, { first: 5, after: '' }]) {
        const response = await api.attemptQuery(ada, 'myOpenSteps', variables);
        expect({ variables, code: errorCode(response) }).toEqual({ variables, code: 'VALIDATION_FAILED' });
      }
      // A cursor of another list is refused too, never a database error.
      const timeline = await api.query(ada, 'journeyTimeline', { journeyId, first: 1 });
      expect(errorCode(await api.attemptQuery(ada, 'myOpenSteps', { first: 5, after: timeline.pageInfo.endCursor }))).toBe('VALIDATION_FAILED');
      // So is one of another list whose key has the same shape: open steps and commitments both sort by (due date, time, journey, id).
      await api.mutate(ada, 'planStep', { journeyId, title: 'A step to page past' });
      const steps = await api.query(ada, 'myOpenSteps', { first: 1 });
      expect(steps.pageInfo.endCursor).toEqual(expect.any(String));
      expect(errorCode(await api.attemptQuery(ada, 'myCommitments', { first: 5, after: steps.pageInfo.endCursor }))).toBe('VALIDATION_FAILED');
      expect((await api.query(ada, 'myOpenSteps', { first: 100 })).pageInfo.hasNextPage).toBe(false);
    });

    it('a cursor whose key no list holds (a year 0, a date that is not, a number past the column, a position before the first, an empty id, a NUL): VALIDATION_FAILED, and the list still pages', async () => {
      // As the lists write them: the list's name (with the journey, team, member or organisation it is of), then its sort key.
      const cursor = (list: string, key: readonly unknown[]) => Buffer.from(JSON.stringify([list, ...key])).toString('base64url');
      const at = '2020-01-01T00:00:00.000Z';
      const team = `teamJourneys/${org.teamId}`;
      const mine = (list: string) => `${list}/${ada.memberId}`;
      const endpoints = `webhookEndpoints/${org.organisationId}`;
      const cases: [string, 'admin' | 'staff', string, Input][] = [
        ['teamJourneys: year 0', 'staff', QUERIES.teamJourneys, { teamId: org.teamId, first: 5, after: cursor(team, ['0000-01-01T00:00:00.000Z', 'j']) }],
        ['teamJourneys: a NUL in the id', 'staff', QUERIES.teamJourneys, { teamId: org.teamId, first: 5, after: cursor(team, [at, 'j\u0000']) }],
        ['teamJourneys: a lone surrogate in the id', 'staff', QUERIES.teamJourneys, { teamId: org.teamId, first: 5, after: cursor(team, [at, 'j\uD800']) }],
        ['myJourneys: year 0', 'staff', QUERIES.myJourneys, { first: 5, after: cursor(mine('myJourneys'), ['0000-12-31T23:59:59.999Z', 'j']) }],
        ['journeyTimeline: past a 32-bit sequence', 'staff', QUERIES.journeyTimeline, { journeyId, first: 5, after: cursor(`journeyTimeline/${journeyId}`, [2 ** 31]) }],
        ['journeyTimeline: sequence 0, before the first entry', 'staff', QUERIES.journeyTimeline, { journeyId, first: 5, after: cursor(`journeyTimeline/${journeyId}`, [0]) }],
        ['journeyTimeline: a negative sequence', 'staff', QUERIES.journeyTimeline, { journeyId, first: 5, after: cursor(`journeyTimeline/${journeyId}`, [-5]) }],
        ['teamJourneys: an empty id', 'staff', QUERIES.teamJourneys, { teamId: org.teamId, first: 5, after: cursor(team, [at, '']) }],
        ['myCommitments: past a 32-bit rank', 'staff', QUERIES.myCommitments, { first: 5, after: cursor(mine('myCommitments'), [2 ** 40, '2020-01-01', 'j', 'c']) }],
        ['myOpenSteps: due in year 0', 'staff', QUERIES.myOpenSteps, { first: 5, after: cursor(mine('myOpenSteps'), ['0000-01-01', at, 'j', 's']) }],
        ['myOpenSteps: a NUL in the id', 'staff', QUERIES.myOpenSteps, { first: 5, after: cursor(mine('myOpenSteps'), ['infinity', at, 'j', 's\u0000']) }],
        ['stepsAwaitingMyReflection: year 0', 'staff', QUERIES.stepsAwaitingMyReflection, { first: 5, after: cursor(mine('stepsAwaitingMyReflection'), ['0000-01-01T00:00:00.000Z', 'j', 's']) }],
        ['myNudges: a cursor of the earlier due-time order', 'staff', NUDGE_DOCUMENTS.myNudges, { first: 5, after: cursor('myNudges', [at, 'n']) }],
        ['myNudges: a nudge that is not theirs', 'staff', NUDGE_DOCUMENTS.myNudges, { first: 5, after: cursor('myNudges', ['n']) }],
        ['myNudges: a NUL in the id', 'staff', NUDGE_DOCUMENTS.myNudges, { first: 5, after: cursor('myNudges', ['n\u0000']) }],
        ['deadLetters: year 0', 'admin', NUDGE_DOCUMENTS.deadLetters, { after: cursor('deadLetters', ['0000-01-01T00:00:00.000Z', 'd']) }],
        ['deadLetters: a NUL in the id', 'admin', NUDGE_DOCUMENTS.deadLetters, { after: cursor('deadLetters', [at, 'd\u0000']) }],
        ['webhookEndpoints: year 0', 'admin', QUERIES.webhookEndpoints, { first: 5, after: cursor(endpoints, ['0000-01-01T00:00:00.000Z', 'e']) }],
        ['webhookEndpoints: 31 February', 'admin', QUERIES.webhookEndpoints, { first: 5, after: cursor(endpoints, ['2020-02-31T00:00:00.000Z', 'e']) }],
        ['webhookEndpoints: a NUL in the id', 'admin', QUERIES.webhookEndpoints, { first: 5, after: cursor(endpoints, [at, 'e\u0000']) }],
      ];
      for (const [label, as, document, variables] of cases) {
        const response = await api.send(as === 'admin' ? org.admin : ada, document, variables);
        expect({ label, code: errorCode(response), details: response.errors?.[0]?.extensions?.details }).toEqual({ label, code: 'VALIDATION_FAILED', details: { field: 'after', reason: 'NOT_A_CURSOR' } });
      }
      // Every list still pages with its own cursors afterwards (nothing was left broken by the attempts).
      const timeline = await api.query(ada, 'journeyTimeline', { journeyId, first: 1 });
      expect((await api.query(ada, 'journeyTimeline', { journeyId, first: 1, after: timeline.pageInfo.endCursor })).edges[0].node.sequence).toBe(2);
      expect((await api.query(ada, 'teamJourneys', { teamId: org.teamId, first: 5, after: cursor(team, [at, 'j']) })).edges).toEqual([]);
    });

    it('a cursor of the same kind of list under another journey, team or member: VALIDATION_FAILED, never a position in this one', async () => {
      const notACursor = { code: 'VALIDATION_FAILED', details: { field: 'after', reason: 'NOT_A_CURSOR' } };
      const refusal = (response: Awaited<ReturnType<StepwiseApi['attemptQuery']>>) => ({ code: errorCode(response), details: response.errors?.[0]?.extensions?.details });
      const other = await startJourney(api, org);
      await takenStep(api, ada, other, 'On the other journey');
      const timeline = await api.query(ada, 'journeyTimeline', { journeyId: other, first: 1 });
      expect(refusal(await api.attemptQuery(ada, 'journeyTimeline', { journeyId, first: 5, after: timeline.pageInfo.endCursor }))).toEqual(notACursor);
      expect((await api.query(ada, 'journeyTimeline', { journeyId: other, first: 5, after: timeline.pageInfo.endCursor })).edges[0].node.sequence).toBe(2);
      // Another team's journeys (another organisation's team, here): refused in this team's list.
      const elsewhere = await buildOrg(api, { label: 'limits-elsewhere', staff: 0 });
      await startJourney(api, elsewhere);
      const theirs = await api.query(elsewhere.leader, 'teamJourneys', { teamId: elsewhere.teamId, first: 1 });
      expect(refusal(await api.attemptQuery(ada, 'teamJourneys', { teamId: org.teamId, first: 5, after: theirs.pageInfo.endCursor }))).toEqual(notACursor);
      // Another member's own list: the leader's journeys page is not a position in Ada's.
      const leaders = await api.query(org.leader, 'myJourneys', { first: 1 });
      expect(leaders.pageInfo.endCursor).toEqual(expect.any(String));
      expect(refusal(await api.attemptQuery(ada, 'myJourneys', { first: 5, after: leaders.pageInfo.endCursor }))).toEqual(notACursor);
    });
  });

  describe('field lengths', () => {
    it('a note over 2000 characters: VALIDATION_FAILED with nothing written; 2000 is fine', async () => {
      const step = await takenStep(api, ada, journeyId, 'Reflect at length');
      const before = await version();
      const tooLong = await api.attempt(ada, 'recordReflection', { journeyId, closer: 'NO', comfort: 2, note: 'n'.repeat(2001), stepId: step });
      expect(errorCode(tooLong)).toBe('VALIDATION_FAILED');
      expect(tooLong.errors?.[0].extensions?.details).toMatchObject({ field: 'note' });
      expect(await version()).toBe(before);
      expect((await api.query(ada, 'stepsAwaitingMyReflection')).edges.map(({ node }) => node.id)).toContain(step);
      const timeline = await api.query(org.leader, 'journeyTimeline', { journeyId, first: 100 });
      expect(timeline.edges.map(({ node }) => node.eventType)).not.toContain('ReflectionRecorded');

      const atLimit = await api.mutate(ada, 'recordReflection', { journeyId, closer: 'NO', comfort: 2, note: 'n'.repeat(2000), stepId: step });
      expect(atLimit.journey?.lastReflection?.note).toHaveLength(2000);
      expect(atLimit.outcome.version).toBe(before + 1);
    });
  });

  describe('read-your-writes', () => {
    it('a mutation’s payload already shows its own write, and so does the next query', async () => {
      const planned = await api.mutate(ada, 'planStep', { journeyId, title: 'Seen at once' });
      expect(planned.outcome).toMatchObject({ projected: true, replayed: false, streamId: `journey-${journeyId}` });
      expect(planned.outcome.globalPosition).toMatch(/^\d+$/);
      expect(planned.journey?.version).toBe(planned.outcome.version);
      expect(planned.journey?.lastStep).toMatchObject({ id: planned.createdId, title: 'Seen at once', status: 'PLANNED' });
      expect((await api.query(ada, 'myOpenSteps', { first: 100 })).edges.map(({ node }) => node.id)).toContain(planned.createdId);

      const team = await api.mutate(org.admin, 'createTeam', { name: 'Fresh team' });
      expect(team.outcome.projected).toBe(true);
      expect(team.team).toMatchObject({ id: team.teamId, name: 'Fresh team', plan: null, subscriptionStatus: null, memberCount: 0 });
    });
  });

  describe('an unexpected failure', () => {
    it('is masked: INTERNAL with a correlation id, no stack, no SQL', async () => {
      // Simulate a broken database (a read table gone missing) for one query.
      await stepwise.runtime.database.exec('ALTER TABLE commitments RENAME TO commitments_away');
      try {
        const response = await api.attemptQuery(ada, 'myCommitments');
        expect(response.errors).toHaveLength(1);
        const [error] = response.errors!;
        expect(error.message).toBe('Internal server error');
        expect(error.extensions).toEqual({ code: 'INTERNAL', correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
        expect(JSON.stringify(response)).not.toMatch(/does not exist|stacktrace|SELECT |FROM |\.ts:/);
      } finally {
        await stepwise.runtime.database.exec('ALTER TABLE commitments_away RENAME TO commitments');
      }
      expect((await api.query(ada, 'myCommitments')).edges).toEqual([]);
    });
  });
});

describe('parsing limits and introspection in development', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    stepwise = await startStepwise();
  });

  afterAll(() => stepwise.close());

  it('stops parsing a document of more than 2,000 tokens', async () => {
    // Six tokens per inline fragment, and nothing for validation to object to.
    const document = (fragments: number) => `{ ${'... on Query { __typename } '.repeat(fragments)} }`;
    const refused = await stepwise.graphql({ query: document(340) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(refused.errors?.[0]?.message).toMatch(/2000 tokens/);
    const served = await stepwise.graphql({ query: document(300) });
    expect(served.errors).toBeUndefined();
    expect(served.data).toEqual({ __typename: 'Query' });
  });

  it('measures fragments that spread each other over and over (2¹⁵⁰ expansions in 1,500 tokens) without stalling', async () => {
    const doubling = (leaf: string) =>
      `{ ...F0 } ${Array.from({ length: 150 }, (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`).join(' ')} fragment F150 on Query { ${leaf} }`;
    const started = Date.now();
    // Executed, each fragment is collected once per selection: this asks for one field.
    const served = await stepwise.graphql({ query: doubling('__typename') });
    expect(served.errors).toBeUndefined();
    expect(served.data).toEqual({ __typename: 'Query' });
    const costly = await stepwise.graphql({ query: doubling('me { id }') });
    expect(costly.errors).toEqual([expect.objectContaining({ extensions: { code: 'QUERY_TOO_COSTLY' } })]);
    const aliased = await stepwise.graphql({ query: doubling('a: __typename') });
    expect(aliased.errors).toEqual([expect.objectContaining({ extensions: { code: 'TOO_MANY_ALIASES' } })]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a document too repetitive to validate with a message that says so', async () => {
    const repeated = await stepwise.graphql({ query: `{ ${'__typename '.repeat(1_000)}}` });
    expect(repeated.status).toBe(400);
    expect(repeated.errors).toEqual([{ message: expect.stringMatching(/^The document is too repetitive to validate/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
  });

  it('refuses a request body over 256 KiB before parsing it', async () => {
    const response = await http(`${stepwise.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(300 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(response.json()).toEqual({ errors: [{ message: 'The request body is larger than the 256 KiB allowed', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers the standard (15 levels deep) introspection query, which the depth limit does not count', async () => {
    const response = await stepwise.graphql<{ __schema: { queryType: { name: string }; types: { name: string }[] } }>({
      query: getIntrospectionQuery(),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.__schema.queryType.name).toBe('Query');
    expect(response.data?.__schema.types.map((type) => type.name)).toEqual(expect.arrayContaining(['Journey', 'Reflection', 'Closer']));
  });
});

describe('the transport: every refused request is a coded GraphQL error with its HTTP status', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    stepwise = await startStepwise();
  });

  afterAll(() => stepwise.close());

  const post = async (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const response = await http(`${stepwise.url}/graphql`, { method: 'POST', headers, body });
    return { status: response.status, body: response.json<{ data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }>() };
  };

  it('a body that is not JSON, or not readable: BAD_REQUEST as a GraphQL error, with 400 or 415', async () => {
    const cases: [string, string, Record<string, string>, number][] = [
      ['cut short', '{"query": ', { 'content-type': 'application/json' }, 400],
      ['a bare string', '"{ __typename }"', { 'content-type': 'application/json' }, 400],
      ['null', 'null', { 'content-type': 'application/json' }, 400],
      ['an unsupported charset', '{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin1' }, 415],
      // JSON is UTF-8 alone: another Unicode charset is refused whatever the characters sent (UTF-7 would change them).
      ['UTF-16', '{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=utf-16le' }, 415],
      ['UTF-7', '{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=utf-7' }, 415],
      ['a gzip body that is not gzip', '{"query":"{ __typename }"}', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 400],
      ['an unknown content encoding', '{"query":"{ __typename }"}', { 'content-type': 'application/json', 'content-encoding': 'rot13' }, 415],
    ];
    for (const [label, body, headers, expected] of cases) {
      const { status, body: answer } = await post(body, headers);
      expect({ label, status, answer }).toEqual({ label, status: expected, answer: { errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }] } });
    }
    // Other routes answer plain HTTP, with a code.
    const health = await http(`${stepwise.url}/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(health.json()).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });

  it('a body that is not UTF-8 text (a stray byte, an encoded lone surrogate): BAD_REQUEST 400, whether the door or Express reads it', async () => {
    const query = 'mutation($title: String!) { __typename }';
    for (const bad of [Buffer.from([0xff, 0xfe]), Buffer.from([0xed, 0xa0, 0x80])]) {
      const body = Buffer.concat([Buffer.from(`{"query":${JSON.stringify(query)},"variables":{"title":"a`), bad, Buffer.from('b"}}')]);
      // With a length the GraphQL door reads it; sent chunked, or compressed, Express does.
      for (const [label, headers, sent] of [
        ['the door', { 'content-type': 'application/json', 'content-length': String(body.length) }, body],
        ['Express, chunked', { 'content-type': 'application/json' }, body],
        ['Express, gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(body)],
      ] as const) {
        const answer = await http(`${stepwise.url}/graphql`, { method: 'POST', headers, body: sent });
        expect({ label, status: answer.status, body: answer.json() }).toEqual({
          label,
          status: 400,
          body: { errors: [{ message: expect.stringMatching(/^The request body is not UTF-8 text/), extensions: { code: 'BAD_REQUEST' } }] },
        });
      }
    }
  });

  it("Slack's interactions endpoint where no Slack app is configured: 404 SLACK_NOT_CONFIGURED, in the same shape", async () => {
    const answer = await http(`${stepwise.url}/integrations/slack/interactions`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'payload=%7B%7D' });
    expect({ status: answer.status, body: answer.json() }).toEqual({ status: 404, body: { statusCode: 404, code: 'SLACK_NOT_CONFIGURED', message: expect.any(String) } });
  });

  it('a path or method no route takes: 404 with code NOT_FOUND, not a body without a code', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/metrics'],
      ['DELETE', '/health'],
    ] as const) {
      const answer = await http(`${stepwise.url}${path}`, { method });
      expect({ method, path, status: answer.status, body: answer.json() }).toEqual({
        method,
        path,
        status: 404,
        body: { statusCode: 404, code: 'NOT_FOUND', message: `Cannot ${method} ${path}` },
      });
    }
  });

  it('a batch, a form, plain text, or a GET without a preflight header: BAD_REQUEST, nothing run', async () => {
    const cases: [string, string, Record<string, string>][] = [
      ['a batch', '[{"query":"{ __typename }"},{"query":"{ __typename }"}]', { 'content-type': 'application/json' }],
      ['plain text (a form could send it cross-site)', '{"query":"mutation { createOrganisation(input: {name: \\"x\\"}) { organisation { id } } }"}', { 'content-type': 'text/plain' }],
      ['a url-encoded form', 'query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['multipart', '--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--b--\r\n', { 'content-type': 'multipart/form-data; boundary=b' }],
      ['no content type', '{"query":"{ __typename }"}', {}],
    ];
    for (const [label, body, headers] of cases) {
      const { status, body: answer } = await post(body, headers);
      expect({ label, status, code: answer.errors?.[0]?.extensions?.code, data: answer.data }).toEqual({ label, status: 400, code: 'BAD_REQUEST', data: undefined });
    }
    const get = (query: string, headers: Record<string, string> = {}) => http(`${stepwise.url}/graphql?query=${encodeURIComponent(query)}`, { headers });
    const simple = await get('{ __typename }');
    expect({ status: simple.status, code: simple.json().errors[0].extensions.code }).toEqual({ status: 400, code: 'BAD_REQUEST' });
    expect((await get('{ __typename }', { 'apollo-require-preflight': 'true' })).json()).toEqual({ data: { __typename: 'Query' } });
    const mutation = await get('mutation { __typename }', { 'apollo-require-preflight': 'true' });
    expect({ status: mutation.status, code: mutation.json().errors[0].extensions.code }).toEqual({ status: 405, code: 'BAD_REQUEST' });
  });

  it('an operationName that names none, or several operations and no name: OPERATION_RESOLUTION_FAILURE', async () => {
    for (const request of [
      { query: 'query A { __typename }', operationName: 'B' },
      { query: 'query A { __typename } query B { __typename }' },
    ]) {
      const { status, body } = await post(JSON.stringify(request));
      expect({ request, status, code: body.errors?.[0]?.extensions?.code }).toEqual({ request, status: 400, code: 'OPERATION_RESOLUTION_FAILURE' });
    }
  });

  it('a persisted query that does not match its hash, or of a version no server speaks: BAD_REQUEST, not INTERNAL', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['a hash of another document', { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }],
      ['a hash that is not a string', { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: { $ne: '' } } } }],
      ['version 2', { query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } } }],
      ['no version', { query: '{ __typename }', extensions: { persistedQuery: 'yes' } }],
    ];
    for (const [label, request] of cases) {
      const { status, body } = await post(JSON.stringify(request));
      expect({ label, status, errors: body.errors }).toEqual({
        label,
        status: 400,
        errors: [{ message: expect.stringMatching(/persisted query|sha/), extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    // A hash the server has not seen asks the client to send the document; with it, the document is kept.
    const document = '{ __typename }';
    const sha256Hash = createHash('sha256').update(document).digest('hex');
    expect((await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } } }))).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(JSON.stringify({ query: document, extensions: { persistedQuery: { version: 1, sha256Hash } } }))).body).toEqual({ data: { __typename: 'Query' } });
    expect((await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } } }))).body).toEqual({ data: { __typename: 'Query' } });
  });
});
