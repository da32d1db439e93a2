/**
 * The request log line of every request, as the api writes it: a signed link's token (answer
 * links, unsubscribe links) is never in it. Logs travel further than the links should (log
 * shippers, support tickets), and an unused answer link there would let a reader answer as the
 * member it was sent to. A GraphQL request's line names the organisation it ran for, once the
 * caller's membership of it was checked, and never another request's.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, type OrgFixture } from './support/org-builder';
import { stepwiseApi } from './support/stepwise-api';

interface RequestLine {
  readonly msg: string;
  readonly path?: string;
  readonly status?: number;
  readonly correlationId?: string;
  readonly tenantId?: string;
}

describe('the request log', () => {
  const lines: RequestLine[] = [];
  const written: string[] = [];
  let stepwise: Stepwise;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        const text = chunk.toString('utf8');
        written.push(text);
        lines.push(JSON.parse(text) as RequestLine);
        done();
      },
    });
    stepwise = await startStepwise({ env: { STEPWISE_LOG_LEVEL: 'info' }, logDestination: destination });
  });

  afterAll(() => stepwise.close());

  /** The request line of the one request `send` makes (the line is written once the answer has gone). */
  const requestLineOf = async (send: () => Promise<unknown>): Promise<RequestLine> => {
    const before = lines.length;
    await send();
    for (let tries = 0; tries < 100 && !lines.slice(before).some((line) => line.msg === 'request'); tries += 1) await new Promise((wait) => setTimeout(wait, 10));
    const found = lines.slice(before).filter((line) => line.msg === 'request');
    expect(found).toHaveLength(1);
    return found[0];
  };

  const TOKEN = 'v1.eyJzZWNyZXQiOiJ0b2tlbiJ9.c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3QtbGVhaw';

  it.each([
    ['an answer link', 'GET', `/answers/${TOKEN}?closer=YES`, '/answers/:token'],
    ['an answer link, posted', 'POST', `/answers/${TOKEN}`, '/answers/:token'],
    ['an unsubscribe link', 'GET', `/unsubscribe/${TOKEN}`, '/unsubscribe/:token'],
    ['an unsubscribe link, posted (one-click)', 'POST', `/unsubscribe/${TOKEN}`, '/unsubscribe/:token'],
    ['an answer link in capitals', 'GET', `/ANSWERS/${TOKEN}`, '/ANSWERS/:token'],
    ['an answer link with more after it', 'GET', `/answers/${TOKEN}/more`, '/answers/:token'],
    ['an answer link with its path percent-encoded', 'GET', `/%61nswers/${TOKEN}`, '/answers/:token'],
    ['an unsubscribe link after two slashes', 'GET', `//unsubscribe/${TOKEN}`, '/unsubscribe/:token'],
  ])('%s: logged as its route, without the token', async (_case, method, path, logged) => {
    const before = written.length;
    const line = await requestLineOf(() =>
      http(`${stepwise.url}${path}`, { method, ...(method === 'POST' && { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'comfort=3' }) }),
    );
    expect(line.path).toBe(logged);
    expect(written.slice(before).join('')).not.toContain('c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3QtbGVhaw');
  });

  it('logs other paths as they are, without their query', async () => {
    expect((await requestLineOf(() => http(`${stepwise.url}/health/live?probe=1`))).path).toBe('/health/live');
    expect((await requestLineOf(() => stepwise.graphql({ query: '{ __typename }' }))).path).toBe('/graphql');
    // A path that only begins like a link's is not one.
    expect((await requestLineOf(() => http(`${stepwise.url}/answersheet/x`))).path).toBe('/answersheet/x');
  });

  describe('the organisation a request ran for', () => {
    let acme: OrgFixture;
    let globex: OrgFixture;

    beforeAll(async () => {
      const api = stepwiseApi(stepwise);
      [acme, globex] = [await buildOrg(api, { label: 'acme', staff: 1 }), await buildOrg(api, { label: 'globex', staff: 1 })];
    });

    /** The request line of the request sent with `correlationId` (written once its answer has gone). */
    const lineFor = async (correlationId: string): Promise<RequestLine> => {
      const find = (): RequestLine | undefined => lines.find((line) => line.msg === 'request' && line.correlationId === correlationId);
      for (let tries = 0; tries < 100 && !find(); tries += 1) await new Promise((wait) => setTimeout(wait, 10));
      const line = find();
      if (!line) throw new Error(`no request line for ${correlationId}`);
      return line;
    };

    it('is on each line, its own, when requests for two organisations interleave', async () => {
      const sent = Array.from({ length: 24 }, (_, index) => ({ org: index % 2 === 0 ? acme : globex, correlationId: `tenant-line-${randomUUID()}` }));
      const answers = await Promise.all(
        sent.map(({ org, correlationId }) =>
          stepwise.graphql<{ team: { id: string } }>({
            query: 'query($id: ID!) { team(id: $id) { id } }',
            variables: { id: org.teamId },
            token: org.leader.token,
            organisationId: org.organisationId,
            headers: { 'x-correlation-id': correlationId },
          }),
        ),
      );
      answers.forEach((answer, index) => expect(answer.data?.team.id).toBe(sent[index].org.teamId));
      for (const { org, correlationId } of sent) expect((await lineFor(correlationId)).tenantId).toBe(org.organisationId);
    });

    it('is on the line of a request whose resolver refused it, and absent where the caller is no member', async () => {
      const refused = `tenant-line-${randomUUID()}`;
      const notFound = await stepwise.graphql({
        query: 'query($id: ID!) { team(id: $id) { id } }',
        variables: { id: randomUUID() },
        token: acme.leader.token,
        organisationId: acme.organisationId,
        headers: { 'x-correlation-id': refused },
      });
      expect(notFound.errors?.[0]?.extensions?.code).toBe('TEAM_NOT_FOUND');
      expect((await lineFor(refused)).tenantId).toBe(acme.organisationId);

      const stranger = `tenant-line-${randomUUID()}`;
      const outside = await stepwise.graphql({
        query: 'query($id: ID!) { team(id: $id) { id } }',
        variables: { id: globex.teamId },
        token: acme.leader.token,
        organisationId: globex.organisationId,
        headers: { 'x-correlation-id': stranger },
      });
      expect(outside.errors?.[0]?.extensions?.code).toBe('ORGANISATION_NOT_FOUND');
      expect((await lineFor(stranger)).tenantId).toBeUndefined();
    });
  });
});
