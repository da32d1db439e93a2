import type { TenantReader } from '@stepwise/database';
import { systemClock, type Clock } from '@stepwise/kernel';
import type { SecretSealer, SubscribedWebhookEndpoint, WebhookEndpointDirectory } from '@stepwise/nudges-application/read';
import { unopenedSecretReason } from '../secrets/secret-box.errors';
import { endpointSigningSecrets, type SealedEndpointSecrets } from './webhook-endpoint.secrets';

interface DirectoryRow extends SealedEndpointSecrets {
  endpoint_id: string;
  url: string;
}

/** Where webhook delivery sends an event or a nudge: enabled endpoints subscribed to it, with their secrets unsealed. */
export class SqlWebhookEndpointDirectory implements WebhookEndpointDirectory {
  constructor(
    private readonly reader: TenantReader,
    private readonly sealer: SecretSealer,
    private readonly clock: Clock = systemClock,
  ) {}

  async subscribedEndpoints(tenantId: string, type: string): Promise<SubscribedWebhookEndpoint[]> {
    const rows = await this.reader.read(tenantId, async (tx) => {
      const result = await tx.query<DirectoryRow>(
        `SELECT endpoint_id, url, sealed_secret, previous_sealed_secret, previous_secret_expires_at FROM webhook_endpoints
         WHERE tenant_id = $1 AND status = 'ACTIVE' AND subscriptions @> jsonb_build_array($2::text)
         ORDER BY registered_at, endpoint_id`,
        [tenantId, type],
      );
      return result.rows;
    });
    const now = this.clock.now();
    return Promise.all(rows.map((row) => this.withSecrets(row, now)));
  }

  private async withSecrets(row: DirectoryRow, now: Date): Promise<SubscribedWebhookEndpoint> {
    try {
      return { endpointId: row.endpoint_id, url: row.url, secrets: await endpointSigningSecrets(row, now, this.sealer) };
    } catch (error) {
      const secretsUnavailable = unopenedSecretReason(error, 'the endpoint’s signing secret');
      if (secretsUnavailable === undefined) throw error;
      return { endpointId: row.endpoint_id, url: row.url, secrets: [], secretsUnavailable };
    }
  }
}
