/**
 * The webhook fan-out against a real database: every event type an endpoint may subscribe to
 * (`webhookSubscriptionTypes`) reaches an endpoint subscribed to it, as a delivery of its own, and
 * what goes out of a webhook endpoint's own events holds no sealed secret.
 */
import { randomUUID } from 'node:crypto';
import { runInTenant, systemClock } from '@stepwise/kernel';
import { SUBSCRIBABLE_EVENT_TYPES } from '@stepwise/nudges-domain';
import { createLogger, openStorage, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { createScratchDatabase, type ScratchDatabase } from '@stepwise/test-support';
import type { WebhookEndpointDirectory } from '../delivery/delivery.ports';
import { WebhookFanOut } from './webhook-fan-out';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

describe('the webhook fan-out', () => {
  let scratch: ScratchDatabase;
  let storage: Storage;

  beforeAll(async () => {
    scratch = await createScratchDatabase('fan_out_types');
    storage = await openStorage({ kind: 'postgres', url: scratch.url, poolSize: 4 }, stepwiseSchema);
  });

  afterAll(async () => {
    await storage?.close();
    await scratch?.drop();
  });

  it('delivers every domain event type to the endpoint subscribed to it, and no sealed secret with it', async () => {
    const tenant = randomUUID();
    const everything: WebhookEndpointDirectory = {
      subscribedEndpoints: async (tenantId, type) =>
        tenantId === tenant && SUBSCRIBABLE_EVENT_TYPES.includes(type) ? [{ endpointId: 'all', url: 'https://hooks.example.com/all', secrets: [SECRET] }] : [],
    };
    const fanOut = new WebhookFanOut(storage.database, storage.eventStore, everything, systemClock, { batchSize: 100, pollIntervalMs: 50, maxAttempts: 3, retryMaxMs: 100 }, createLogger('worker', 'silent'));
    await fanOut.start();
    try {
      await runInTenant({ tenantId: tenant, correlationId: 'c' }, async () => {
        for (const type of SUBSCRIBABLE_EVENT_TYPES) {
          const sealed = { sealedSecret: 'v1.sealed', sealedUrl: 'v1.sealed-url', sealedPassword: 'v1.sealed-password' };
          await storage.eventStore.append(tenant, `stream-${randomUUID()}`, [{ id: randomUUID(), type, data: { organisationId: tenant, ...sealed, at: '2026-03-02T09:00:00.000Z' } }]);
        }
      });
      await fanOut.caughtUp();
    } finally {
      await fanOut.stop();
    }

    const { rows } = await storage.database.query<{ event_type: string; payload: unknown }>(
      `SELECT event_type, payload FROM nudges.deliveries WHERE tenant_id = $1 AND kind = 'WEBHOOK' AND endpoint_id = 'all'`,
      [tenant],
    );
    expect(rows.map((row) => row.event_type).sort()).toEqual([...SUBSCRIBABLE_EVENT_TYPES].sort());
    const payloadOf = (type: string) => {
      const payload = rows.find((row) => row.event_type === type)?.payload;
      return (typeof payload === 'string' ? JSON.parse(payload) : payload) as { data: { event: Record<string, unknown> } };
    };
    // Every domain event type, the channel integrations' too, and no sealed value in any of them.
    expect(SUBSCRIBABLE_EVENT_TYPES).toEqual(expect.arrayContaining(['TeamSlackIntegrationSet', 'TeamTeamsIntegrationSet', 'OrganisationSmtpIntegrationSet', 'OrganisationSmtpIntegrationCleared']));
    for (const type of SUBSCRIBABLE_EVENT_TYPES) expect(Object.keys(payloadOf(type).data.event).filter((key) => key.startsWith('sealed'))).toEqual([]);
    expect(payloadOf('NudgeSettingsChanged').data.event).toMatchObject({ organisationId: tenant });
  });
});
