import type { TenantReader } from '@stepwise/database';
import { systemClock, type Clock } from '@stepwise/kernel';
import type { IntegrationTestWebhookTargets, SecretSealer } from '@stepwise/nudges-application/read';
import { endpointSigningSecrets, type SealedEndpointSecrets } from '../read-models/webhook-endpoint.secrets';

/**
 * A webhook endpoint a test message goes to, enabled or not (an admin may test before enabling),
 * with the secrets a delivery would be signed with now: during a rotation the replaced one too, so a
 * receiver checks the test message as it will check deliveries.
 */
export class SqlIntegrationTestWebhookTargets implements IntegrationTestWebhookTargets {
  constructor(
    private readonly reader: TenantReader,
    private readonly sealer: SecretSealer,
    private readonly clock: Clock = systemClock,
  ) {}

  async webhookTarget(tenantId: string, endpointId: string): Promise<{ url: string; secrets: string[] } | undefined> {
    const row = await this.reader.read(tenantId, async (tx) => {
      const result = await tx.query<SealedEndpointSecrets & { url: string }>(
        `SELECT url, sealed_secret, previous_sealed_secret, previous_secret_expires_at FROM webhook_endpoints WHERE tenant_id = $1 AND endpoint_id = $2`,
        [tenantId, endpointId],
      );
      return result.rows[0];
    });
    return row ? { url: row.url, secrets: await endpointSigningSecrets(row, this.clock.now(), this.sealer) } : undefined;
  }
}
