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

describe('health with the worker down, the log moving on', () => {
  let stepwise: Stepwise;

  beforeAll(async () => {
    stepwise = await startStepwise();
  });

  afterAll(() => stepwise.close());

  it('says the read models are behind once the oldest event waiting for them has waited over 30 s, naming each processor', async () => {
    expect((await http(`${stepwise.url}/health`)).json()).toMatchObject({ status: 'ready', checks: { projections: { status: 'up' } } });
    // A worker stopped (or frozen) while events arrive: one has waited a minute (its time set back, as waiting would).
    await stepwise.stopWorker();
    const tenantId = `org-${randomUUID()}`;
    const streamId = `organisation-${randomUUID()}`;
    await stepwise.runtime.eventStore.append(tenantId, streamId, [{ id: randomUUID(), type: 'OrganisationSettingsChanged', data: {} }]);
    const justArrived = (await http(`${stepwise.url}/health`)).json();
    expect(justArrived).toMatchObject({ status: 'ready', checks: { projections: { status: 'up' } } });
    await stepwise.runtime.database.query(`UPDATE es_events SET created_at = now() - interval '1 minute' WHERE tenant_id = $1 AND stream_id = $2`, [tenantId, streamId]);

    const response = await http(`${stepwise.url}/health`);
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status: 'degraded', checks: { projections: { status: 'behind' } } });
    const behind = Object.fromEntries(body.checks.projections.behind.map((lag: { processor: string; seconds: number }) => [lag.processor, lag.seconds]));
    expect(Object.keys(behind).sort()).toEqual(['analytics', 'nudge-policy', 'read-models', 'webhook-fan-out']);
    expect(behind['read-models']).toBeGreaterThanOrEqual(60);
  });
});
