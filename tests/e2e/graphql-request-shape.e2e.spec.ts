/**
 * What a request to /graphql must look like before GraphQL reads it, and what a client is told when
 * it is not: a body that is JSON but not an object, a batch, an empty body, a content type other than
 * JSON, a method other than GET or POST. Each is refused with HTTP 400 (405 for a method) and a
 * BAD_REQUEST error whose message says what was wrong and what to send, and nothing it carried runs.
 * A new case is a new row.
 */
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';
import { stepwiseApi } from './support/stepwise-api';

interface Refusal {
  readonly label: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly status: number;
  readonly message: RegExp;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const ONE_OPERATION = /send one operation as a JSON object, such as \{"query": "\{ __typename \}"\}$/;

describe('the shape of a request to /graphql', () => {
  let stepwise: Stepwise;
  let token: string;

  beforeAll(async () => {
    // With the worker: an organisation a refused request had created would show in myOrganisations.
    stepwise = await startStepwise();
    token = await stepwise.token(`shape-${Date.now()}`, 'Shape Tester');
  });

  afterAll(() => stepwise?.close());

  const createOrganisation = JSON.stringify({ query: 'mutation { createOrganisation(input: { name: "Refused Org", displayName: "R" }) { organisation { id } } }' });

  const refusals = (): Refusal[] => [
    { label: 'a JSON number', headers: JSON_TYPE, body: '42', status: 400, message: /^The request body is a JSON number, not a JSON object: / },
    { label: 'a JSON string', headers: JSON_TYPE, body: '"{ __typename }"', status: 400, message: /^The request body is a JSON string, not a JSON object: / },
    { label: 'JSON null', headers: JSON_TYPE, body: 'null', status: 400, message: /^The request body is JSON null, not a JSON object: / },
    { label: 'JSON false', headers: JSON_TYPE, body: 'false', status: 400, message: /^The request body is JSON false, not a JSON object: / },
    { label: 'an array that is no batch', headers: JSON_TYPE, body: '[1]', status: 400, message: /^The request body is a JSON array: batched operations are not accepted; send one operation per request/ },
    { label: 'a batch', headers: JSON_TYPE, body: `[${createOrganisation}]`, status: 400, message: /^The request body is a JSON array: batched operations are not accepted/ },
    { label: 'an empty body', headers: { ...JSON_TYPE, 'content-length': '0' }, status: 400, message: /^The request body is empty: / },
    { label: 'an empty object', headers: JSON_TYPE, body: '{}', status: 400, message: /^The request body is an empty JSON object: / },
    { label: 'no content type', headers: { 'x-apollo-operation-name': 'x' }, body: createOrganisation, status: 400, message: /^The request has no Content-Type: set Content-Type: application\/json/ },
    { label: 'GraphQL as such', headers: { 'content-type': 'application/graphql' }, body: '{ __typename }', status: 400, message: /^Content-Type application\/graphql is not accepted on \/graphql: set Content-Type: application\/json/ },
    { label: 'XML, with a preflight header', headers: { 'content-type': 'application/xml', 'apollo-require-preflight': 'true' }, body: '<query/>', status: 400, message: /^Content-Type application\/xml is not accepted/ },
    { label: 'JSON sent as plain text', headers: { 'content-type': 'text/plain' }, body: createOrganisation, status: 400, message: /^Content-Type text\/plain is not accepted/ },
    // An answer the client will not accept: refused before the mutation runs, not after it was applied.
    { label: 'an Accept of XML alone', headers: { ...JSON_TYPE, accept: 'application/xml' }, body: createOrganisation, status: 406, message: /^The Accept header \(application\/xml\) takes neither application\/json nor application\/graphql-response\+json.*nothing was run$/ },
    { label: 'an Accept refusing JSON', headers: { ...JSON_TYPE, accept: 'application/json;q=0, text/html' }, body: createOrganisation, status: 406, message: /^The Accept header .* takes neither/ },
    { label: 'an Accept of HTML, through Express (charset in capitals, chunked)', headers: { 'content-type': 'application/json; charset=UTF-8', 'transfer-encoding': 'chunked', accept: 'text/html' }, body: createOrganisation, status: 406, message: /^The Accept header \(text\/html\) takes neither/ },
    { label: 'PUT', method: 'PUT', headers: JSON_TYPE, body: createOrganisation, status: 405, message: /^PUT is not served on \/graphql: POST one operation as JSON, or GET/ },
    { label: 'DELETE', method: 'DELETE', status: 405, message: /^DELETE is not served on \/graphql/ },
    { label: 'OPTIONS', method: 'OPTIONS', status: 405, message: /^OPTIONS is not served on \/graphql/ },
  ];

  it('each is refused with a BAD_REQUEST that says what to send, and nothing it carried runs', async () => {
    for (const { label, method = 'POST', headers = {}, body, status, message } of refusals()) {
      const response = await http(`${stepwise.url}/graphql`, { method, headers: { authorization: `Bearer ${token}`, ...headers }, body });
      expect({ label, status: response.status, body: response.json() }).toEqual({
        label,
        status,
        body: { errors: [{ message: expect.stringMatching(message), extensions: { code: 'BAD_REQUEST' } }] },
      });
      if (status === 405) expect({ label, allow: response.headers.allow }).toEqual({ label, allow: 'GET, POST' });
      // Refused before GraphQL read it, on either path to it, the answer is still the caller's alone.
      expect({ label, cache: response.headers['cache-control'], sniff: response.headers['x-content-type-options'] }).toEqual({ label, cache: 'no-store', sniff: 'nosniff' });
    }
    expect(await stepwiseApi(stepwise).query({ token }, 'myOrganisations')).toEqual([]);
  });

  it('the messages about the body say what to send instead', async () => {
    for (const body of ['42', 'null', '{}']) {
      const response = await http(`${stepwise.url}/graphql`, { method: 'POST', headers: JSON_TYPE, body });
      expect(response.json().errors[0].message).toMatch(ONE_OPERATION);
    }
  });

  it('HEAD is refused as the other methods are, without a body', async () => {
    const response = await http(`${stepwise.url}/graphql`, { method: 'HEAD' });
    expect({ status: response.status, allow: response.headers.allow, body: response.body }).toEqual({ status: 405, allow: 'GET, POST', body: '' });
  });

  it('a mutation over GET is refused with 405 and Allow: POST, and does not run', async () => {
    const mutation = encodeURIComponent('mutation { createOrganisation(input: { name: "Over GET", displayName: "G" }) { organisation { id } } }');
    const response = await http(`${stepwise.url}/graphql?query=${mutation}`, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
    expect({ status: response.status, allow: response.headers.allow, code: response.json().errors?.[0]?.extensions?.code }).toEqual({ status: 405, allow: 'POST', code: 'BAD_REQUEST' });
    expect(await stepwiseApi(stepwise).query({ token }, 'myOrganisations')).toEqual([]);
  });

  it('a path below /graphql or spelt otherwise is an unknown path, whatever it carries: 404 NOT_FOUND, nothing run', async () => {
    const query = JSON.stringify({ query: '{ __typename }' });
    const requests: { path: string; method?: string; headers: Record<string, string>; body?: string }[] = [
      { path: '/graphql/x', headers: JSON_TYPE, body: createOrganisation },
      { path: '/graphql/x/y', headers: JSON_TYPE, body: query },
      { path: '/GraphQL', headers: JSON_TYPE, body: query },
      { path: '/GRAPHQL/', headers: JSON_TYPE, body: '{' },
      { path: '/graphql/x', headers: JSON_TYPE, body: `[${createOrganisation}]` },
      { path: '/graphql/x', headers: {}, body: query },
      { path: '/graphql/x?query=%7B__typename%7D', method: 'GET', headers: { 'apollo-require-preflight': 'true' } },
    ];
    for (const { path, method = 'POST', headers, body } of requests) {
      const response = await http(`${stepwise.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...headers }, body });
      expect({ path, status: response.status, body: response.json() }).toEqual({
        path,
        status: 404,
        body: { statusCode: 404, code: 'NOT_FOUND', message: `Cannot ${method} ${path.split('?')[0]}` },
      });
    }
    expect(await stepwiseApi(stepwise).query({ token }, 'myOrganisations')).toEqual([]);
  });

  it('one operation as a JSON object, by POST or by GET, is served as before', async () => {
    const posted = await http(`${stepwise.url}/graphql`, { method: 'POST', headers: { ...JSON_TYPE, authorization: `Bearer ${token}` }, body: createOrganisation });
    expect(posted.json().errors).toBeUndefined();
    expect(await stepwiseApi(stepwise).query({ token }, 'myOrganisations')).toEqual([expect.objectContaining({ name: 'Refused Org' })]);
    const got = await http(`${stepwise.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(got.json()).toEqual({ data: { __typename: 'Query' } });
    // Answers are the caller's alone: no shared cache keeps them, no browser sniffs them, whether the
    // query ran interpreted or compiled (its third use) or failed.
    for (const query of ['{ __typename }', '{ __typename }', '{ __typename }', '{ myOrganisations { id } }', '{ nope }']) {
      const answered = await http(`${stepwise.url}/graphql`, { method: 'POST', headers: { ...JSON_TYPE, authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
      expect({ query, cache: answered.headers['cache-control'], sniff: answered.headers['x-content-type-options'] }).toEqual({ query, cache: 'no-store', sniff: 'nosniff' });
    }
    // Any Accept that takes one of GraphQL's JSON types is served, in the type it prefers.
    for (const accept of ['application/graphql-response+json', '*/*', 'text/html, application/*;q=0.5']) {
      const answered = await http(`${stepwise.url}/graphql`, { method: 'POST', headers: { ...JSON_TYPE, accept }, body: '{"query":"{ __typename }"}' });
      expect({ accept, status: answered.status, body: answered.json() }).toEqual({ accept, status: 200, body: { data: { __typename: 'Query' } } });
    }
    const refusedGet = await http(`${stepwise.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true', accept: 'text/html' } });
    expect(refusedGet.status).toBe(406);
  });
});
