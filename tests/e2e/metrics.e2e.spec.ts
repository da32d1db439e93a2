/**
 * `GET /metrics` after real traffic: the request histograms carry the operation, its type and its
 * outcome, the event store's appends and reads are timed, and projection lag, the horizon's holder,
 * pool usage and process memory are there with plausible values.
 */
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';

/** `name{labels} value` lines of the exposition text, by series. */
const parse = (text: string): Map<string, number> =>
  new Map(
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const space = line.lastIndexOf(' ');
        return [line.slice(0, space), Number(line.slice(space + 1))] as const;
      }),
  );

describe('metrics', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    stepwise = await startStepwise();
  });

  afterAll(() => stepwise.close());

  it('serves Prometheus text with the series of what just happened', async () => {
    const token = await stepwise.token('metrics-founder');
    const created = await stepwise.graphql<{ createOrganisation: { organisation: { id: string } | null; outcome: { projected: boolean } } }>({
      token,
      query: 'mutation FoundOrganisation { createOrganisation(input: { name: "Metrics Ltd" }) { organisation { id } outcome { projected } } }',
    });
    expect(created.data?.createOrganisation.outcome.projected).toBe(true);
    const mine = await stepwise.graphql({ token, query: 'query ListMine { myOrganisations { id } }' });
    expect(mine.errors).toBeUndefined();
    const refused = await stepwise.graphql({ query: 'query ListMine { myOrganisations { id } }' });
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const response = await http(`${stepwise.url}/metrics`);
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type'])).toContain('text/plain');
    const series = parse(response.body);

    const requests = 'stepwise_graphql_request_duration_seconds';
    expect(series.get(`${requests}_count{operation="FoundOrganisation",type="mutation",outcome="ok"}`)).toBe(1);
    expect(series.get(`${requests}_count{operation="ListMine",type="query",outcome="ok"}`)).toBe(1);
    // Without a verified token a request spends none of the operation names: it is `unauthenticated`.
    expect(series.get(`${requests}_count{operation="unauthenticated",type="query",outcome="UNAUTHENTICATED"}`)).toBe(1);
    expect(series.get(`${requests}_count{operation="ListMine",type="query",outcome="UNAUTHENTICATED"}`)).toBeUndefined();
    const mutationSeconds = series.get(`${requests}_sum{operation="FoundOrganisation",type="mutation",outcome="ok"}`) ?? -1;
    expect(mutationSeconds).toBeGreaterThan(0);
    expect(mutationSeconds).toBeLessThan(10);

    expect(series.get('stepwise_event_store_append_duration_seconds_count{outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(series.get('stepwise_event_store_read_duration_seconds_count{kind="stream"}')).toBeGreaterThanOrEqual(1);
    expect(series.get('stepwise_event_store_read_duration_seconds_count{kind="all"}')).toBeGreaterThanOrEqual(1);

    // The mutation was projected before it answered, and nothing was appended since.
    expect(series.get('stepwise_projection_lag_events{processor="read-models"}')).toBe(0);
    expect(series.get('stepwise_projection_lag_seconds{processor="read-models"}')).toBe(0);
    const horizonAge = series.get('stepwise_log_horizon_holder_age_seconds') ?? -1;
    expect(horizonAge).toBeGreaterThanOrEqual(0);
    expect(horizonAge).toBeLessThan(60);

    for (const pool of ['main', 'projections']) {
      const total = series.get(`stepwise_db_pool_connections{pool="${pool}",state="total"}`) ?? -1;
      expect(total).toBeGreaterThanOrEqual(1);
      expect(series.get(`stepwise_db_pool_connections{pool="${pool}",state="idle"}`)).toBeLessThanOrEqual(total);
      expect(series.get(`stepwise_db_pool_connections{pool="${pool}",state="waiting"}`)).toBeGreaterThanOrEqual(0);
    }
    expect(series.get('process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(series.get('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });
});
