import { randomUUID } from 'node:crypto';
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';

describe('health', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    stepwise = await startStepwise();
  });

  afterAll(() => stepwise.close());

  it('reports the event store and Redis ready over HTTP', async () => {
    const response = await http(`${stepwise.url}/health`);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      live: true,
      status: 'ready',
      checks: { eventStore: { status: 'up', engine: 'postgres' }, redis: { status: 'up' }, auth: { status: 'up', keys: 'local' }, projections: { status: 'up' } },
    });
  });

  it('answers the health query without a token', async () => {
    const response = await stepwise.graphql({ query: '{ health { status eventStore redis auth } }' });
    expect(response.data).toEqual({ health: { status: 'ready', eventStore: 'up', redis: 'up', auth: 'up' } });
  });

  it('echoes a sane correlation id and replaces an unsafe one', async () => {
    const kept = await http(`${stepwise.url}/health/live`, { headers: { 'x-correlation-id': 'abc-123' } });
    expect(kept.headers['x-correlation-id']).toBe('abc-123');
    const replaced = await http(`${stepwise.url}/health/live`, { headers: { 'x-correlation-id': 'bad id\twith spaces' } });
    expect(replaced.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("carries the caller's correlation id through body parsing and GraphQL into the events a mutation records", async () => {
    const correlationId = `trace-${randomUUID()}`;
    const created = await stepwise.graphql<{ createOrganisation: { outcome: { streamId: string } } }>({
      query: 'mutation { createOrganisation(input: { name: "Traced Ltd" }) { outcome { streamId } } }',
      token: await stepwise.token(`traced-${randomUUID()}`),
      headers: { 'x-correlation-id': correlationId },
    });
    expect(created.errors).toBeUndefined();
    const { rows } = await stepwise.runtime.database.query<{ correlation_id: string }>(
      `SELECT metadata->>'correlationId' AS correlation_id FROM es_events WHERE stream_id = $1`,
      [created.data?.createOrganisation.outcome.streamId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.correlation_id))).toEqual(new Set([correlationId]));
  });
});

describe('health without Redis', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    // Nothing listens on port 1: Redis is unreachable from the start.
    stepwise = await startStepwise({ env: { STEPWISE_REDIS_URL: 'redis://127.0.0.1:1' } });
  });

  afterAll(() => stepwise.close());

  it('still serves, and says it is degraded', async () => {
    const response = await http(`${stepwise.url}/health`);
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.status).toBe('degraded');
    expect(body.checks.redis.status).toBe('down');
    const query = await stepwise.graphql({ query: '{ health { status redis } }' });
    expect(query.data).toEqual({ health: { status: 'degraded', redis: 'down' } });
  });
});

describe('health with the read models stopped at an event', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    stepwise = await startStepwise();
  });

  afterAll(() => stepwise.close());

  it('reports read models stopped at an event a projection cannot apply, naming the event and the projection', async () => {
    const poison = { id: randomUUID(), type: 'StepPlanned', data: { teamId: 'team-1', at: new Date().toISOString(), stepId: 's', title: 'Orphan', ownerId: 'a', dueOn: null, plannedBy: 'a' } };
    const tenantId = `org-${randomUUID()}`;
    await stepwise.runtime.eventStore.append(tenantId, `journey-${randomUUID()}`, [poison]);
    const deadline = Date.now() + 15_000;
    let body = (await http(`${stepwise.url}/health`)).json();
    // Each processor stops at it on its own: the read models, and analytics beside them.
    while ((body.checks.projections.stalled ?? []).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      body = (await http(`${stepwise.url}/health`)).json();
    }
    expect(body.status).toBe('degraded');
    const stalled = [...body.checks.projections.stalled].sort((a: { processor: string }, b: { processor: string }) => a.processor.localeCompare(b.processor));
    expect(stalled).toEqual([
      { processor: 'analytics', projection: 'analytics-journey-facts', eventId: poison.id, since: expect.any(String) },
      { processor: 'read-models', projection: 'journey-steps', eventId: poison.id, since: expect.any(String) },
    ]);
  });
});
