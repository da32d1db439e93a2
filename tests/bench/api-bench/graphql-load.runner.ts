/**
 * Drives one GraphQL operation with autocannon and checks every response: a non-2xx status, a
 * GraphQL `errors` entry in a 200, or a body missing what the scenario expects all count as failures,
 * tallied by reason (the GraphQL error code when there is one).
 */
import autocannon from 'autocannon';

export interface LoadScenario {
  readonly name: string;
  /** The request body a connection sends, every time (connection index from 0). */
  readonly bodyFor: (connection: number) => string;
  readonly headers?: Record<string, string>;
  /** Why a 200 without GraphQL errors is still wrong, or null when it is right. */
  readonly check: (body: string) => string | null;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly responses: number;
  readonly failures: number;
  readonly failureReasons: Record<string, number>;
}

const graphqlErrorCode = (body: string): string => {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
    return `graphql:${parsed.errors?.[0]?.extensions?.code ?? 'no-code'}`;
  } catch {
    return 'unparseable body';
  }
};

export const runLoad = async (url: string, scenario: LoadScenario, options: { connections: number; seconds: number }): Promise<LoadResult> => {
  const reasons: Record<string, number> = {};
  let responses = 0;
  const fail = (reason: string): void => {
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  };
  const onResponse = (status: number, body: string): void => {
    responses += 1;
    if (status < 200 || status > 299) return fail(`HTTP ${status}${body.includes('"errors"') ? ` ${graphqlErrorCode(body)}` : ''}`);
    if (body.includes('"errors"')) return fail(graphqlErrorCode(body));
    const wrong = scenario.check(body);
    if (wrong) fail(wrong);
  };
  let connection = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    // Each connection gets its own fixed request, so a scenario can give every connection its own journey.
    setupClient: (client) => {
      const body = scenario.bodyFor(connection);
      connection += 1;
      client.setRequests([
        { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', ...scenario.headers }, body, onResponse },
      ]);
    },
  });
  if (result.errors > 0) reasons[`connection errors (${result.timeouts} timeouts)`] = result.errors;
  const failures = Object.values(reasons).reduce((sum, n) => sum + n, 0);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    responses,
    failures,
    failureReasons: reasons,
  };
};
