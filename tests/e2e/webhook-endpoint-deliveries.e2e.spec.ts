/**
 * What an admin sees of one webhook endpoint's deliveries over GraphQL: each event it was sent, in
 * every state, with its attempts, while it waits for a retry and once delivered; only that
 * endpoint's. The receiver is a real local HTTP server (plain http allowed, as in development).
 */
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { startWebhookReceiver, waitUntil, type WebhookReceiver } from '../support/nudges';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type StepwiseApi } from './support/stepwise-api';

interface DeliveryNode {
  readonly id: string;
  readonly state: string;
  readonly eventType: string;
  readonly endpointId: string;
  readonly attemptCount: number;
  readonly attempts: { readonly edges: { readonly node: { readonly attemptNumber: number; readonly outcome: string; readonly statusCode: number | null } }[] };
}
interface EndpointNode {
  readonly id: string;
  readonly deliveries: { readonly edges: { readonly node: DeliveryNode }[] };
}

const ENDPOINT_DELIVERIES = `query($state: DeliveryState) {
  webhookEndpoints(first: 10) { edges { node { id deliveries(first: 10, state: $state) {
    edges { node { id state eventType endpointId attemptCount attempts(first: 5) { edges { node { attemptNumber outcome statusCode } } } } }
  } } } }
}`;

describe('a webhook endpoint’s deliveries, as an admin reads them', () => {
  let receiver: WebhookReceiver;
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    stepwise = await startStepwise({
      env: { STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true', STEPWISE_NUDGE_RELAY_POLL_MS: '100', STEPWISE_NUDGE_BACKOFF_BASE_MS: '50', STEPWISE_NUDGE_BACKOFF_CAP_MS: '100' },
    });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'endpoint-deliveries', staff: 1 });
  });

  afterAll(async () => {
    await stepwise?.close();
    await receiver?.close();
  });

  const endpoints = async (state?: string): Promise<EndpointNode[]> => {
    const response = await api.send(org.admin, ENDPOINT_DELIVERIES, state ? { state } : {});
    expect(response.errors).toBeUndefined();
    return (response.data as { webhookEndpoints: { edges: { node: EndpointNode }[] } }).webhookEndpoints.edges.map(({ node }) => node);
  };
  const deliveriesOf = async (endpointId: string, state?: string): Promise<DeliveryNode[]> =>
    ((await endpoints(state)).find((endpoint) => endpoint.id === endpointId)?.deliveries.edges ?? []).map(({ node }) => node);

  it('lists each event sent to the endpoint with its attempts, a failed one retried, and only that endpoint’s', async () => {
    const steady = (await api.mutate(org.admin, 'registerWebhookEndpoint', { url: `${receiver.url}/ok`, subscriptions: ['StepTaken'] })).endpointId!;
    const flaky = (await api.mutate(org.admin, 'registerWebhookEndpoint', { url: `${receiver.url}/flaky`, subscriptions: ['StepTaken'] })).endpointId!;
    const journeyId = await startJourney(api, org);
    await takenStep(api, org.staff[0], journeyId, 'Ask the team what slows them down');

    const delivered = (endpointId: string) => async () => {
      const found = await deliveriesOf(endpointId);
      return found.length === 1 && found[0].state === 'DELIVERED' ? found[0] : undefined;
    };
    const toSteady = await waitUntil(delivered(steady), 'the steady endpoint’s delivery');
    expect(toSteady).toMatchObject({ eventType: 'StepTaken', endpointId: steady, attemptCount: 1 });
    expect(toSteady.attempts.edges.map(({ node }) => node)).toEqual([{ attemptNumber: 1, outcome: 'DELIVERED', statusCode: 200 }]);
    const toFlaky = await waitUntil(delivered(flaky), 'the flaky endpoint’s delivery, retried');
    expect(toFlaky.attempts.edges.map(({ node }) => node)).toEqual([
      { attemptNumber: 1, outcome: 'RETRYABLE', statusCode: 500 },
      { attemptNumber: 2, outcome: 'DELIVERED', statusCode: 200 },
    ]);
    expect(toFlaky.id).not.toBe(toSteady.id);
    expect(receiver.handled.get(toFlaky.id)?.path).toBe('/flaky');

    expect(await deliveriesOf(steady, 'DEAD')).toEqual([]);
    expect((await deliveriesOf(steady, 'DELIVERED')).map(({ id }) => id)).toEqual([toSteady.id]);
  });

  it('is FORBIDDEN to staff, as the endpoints are', async () => {
    expect(errorCode(await api.send(org.staff[0], ENDPOINT_DELIVERIES))).toBe('FORBIDDEN');
  });

  it('reads one endpoint by its id, with the same deliveries the list shows; no endpoint of the organisation is WEBHOOK_ENDPOINT_NOT_FOUND (field id)', async () => {
    const ONE_ENDPOINT = `query($id: ID!) { webhookEndpoint(id: $id) { id url deliveries(first: 10) { edges { node { id state } } } } }`;
    const listed = await endpoints();
    expect(listed.length).toBeGreaterThan(0);
    for (const endpoint of listed) {
      const response = await api.send(org.admin, ONE_ENDPOINT, { id: endpoint.id });
      expect(response.errors).toBeUndefined();
      const one = (response.data as { webhookEndpoint: { id: string; deliveries: EndpointNode['deliveries'] } }).webhookEndpoint;
      expect(one.id).toBe(endpoint.id);
      expect(one.deliveries.edges.map(({ node }) => node.id)).toEqual(endpoint.deliveries.edges.map(({ node }) => node.id));
    }
    expect(errorCode(await api.send(org.staff[0], ONE_ENDPOINT, { id: listed[0].id }))).toBe('FORBIDDEN');

    const other = await buildOrg(api, { label: 'endpoint-elsewhere', staff: 0 });
    const removed = (await api.mutate(org.admin, 'registerWebhookEndpoint', { url: `${receiver.url}/removed`, subscriptions: ['nudge'] })).endpointId!;
    await api.mutate(org.admin, 'removeWebhookEndpoint', { endpointId: removed });
    for (const [caller, id] of [[other.admin, listed[0].id], [org.admin, removed], [org.admin, 'no-such-endpoint']] as const) {
      const refused = await api.send(caller, ONE_ENDPOINT, { id });
      expect([errorCode(refused), refused.errors?.[0].extensions?.details]).toEqual(['WEBHOOK_ENDPOINT_NOT_FOUND', { field: 'id', endpointId: id }]);
    }
  });
});
