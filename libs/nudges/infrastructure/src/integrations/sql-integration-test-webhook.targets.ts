import type { TenantReader } from '@stepwise/database';
import type { IntegrationTestWebhookTargets, SecretSealer } from '@stepwise/nudges-application/read';

/** A webhook endpoint a test message goes to, enabled or not (an admin may test before enabling), with its current secret unsealed. */
export class SqlIntegrationTestWebhookTargets implements IntegrationTestWebhookTargets {
  constructor(
    private readonly reader: TenantReader,
    private readonly sealer: SecretSealer,
  ) {}

  async webhookTarget(tenantId: string, endpointId: string): Promise<{ url: string; secrets: string[] } | undefined> {
    const row = await this.reader.read(tenantId, async (tx) => {
      const result = await tx.query<{ url: string; sealed_secret: string }>(
        `SELECT url, sealed_secret FROM webhook_endpoints WHERE tenant_id = $1 AND endpoint_id = $2`,
        [tenantId, endpointId],
      );
      return result.rows[0];
    });
    return row ? { url: row.url, secrets: [await this.sealer.unseal(row.sealed_secret)] } : undefined;
  }
}
