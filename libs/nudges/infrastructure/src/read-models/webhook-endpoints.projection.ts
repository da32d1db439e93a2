import { defineProjection } from '@stepwise/projections';
import { webhookEndpointEventSchemaVersions, type WebhookEndpointEvent } from '@stepwise/nudges-domain';

/**
 * Webhook endpoints as admins list them and delivery finds them. Idempotent by its keys: each write
 * states the row's values after the event (a rotation applied twice shifts the secrets once).
 */
export const webhookEndpointsProjection = defineProjection<WebhookEndpointEvent>({
  name: 'webhook-endpoints',
  tables: ['webhook_endpoints'],
  events: webhookEndpointEventSchemaVersions,
  handlers: {
    async WebhookEndpointRegistered(tx, { data }, recorded) {
      await tx.query(
        `INSERT INTO webhook_endpoints (tenant_id, endpoint_id, url, description, subscriptions, status, sealed_secret, registered_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, 'ACTIVE', $6, $7, $7)
         ON CONFLICT (tenant_id, endpoint_id) DO NOTHING`,
        [recorded.tenantId, data.endpointId, data.url, data.description, JSON.stringify(data.subscriptions), data.sealedSecret, data.at],
      );
    },
    async WebhookEndpointUpdated(tx, { data }, recorded) {
      await tx.query(
        `UPDATE webhook_endpoints SET url = $3, description = $4, subscriptions = $5::jsonb, updated_at = $6 WHERE tenant_id = $1 AND endpoint_id = $2`,
        [recorded.tenantId, data.endpointId, data.url, data.description, JSON.stringify(data.subscriptions), data.at],
      );
    },
    async WebhookSecretRotated(tx, { data }, recorded) {
      // The right-hand sides read the row as it was: the current secret becomes the previous one.
      await tx.query(
        `UPDATE webhook_endpoints SET previous_sealed_secret = sealed_secret, sealed_secret = $3, previous_secret_expires_at = $4,
           secret_rotated_at = $5, updated_at = $5
         WHERE tenant_id = $1 AND endpoint_id = $2 AND sealed_secret <> $3`,
        [recorded.tenantId, data.endpointId, data.sealedSecret, data.previousSecretExpiresAt, data.at],
      );
    },
    async WebhookPreviousSecretExpired(tx, { data }, recorded) {
      await tx.query(
        `UPDATE webhook_endpoints SET previous_sealed_secret = NULL, previous_secret_expires_at = LEAST(previous_secret_expires_at, $3), updated_at = $3
         WHERE tenant_id = $1 AND endpoint_id = $2`,
        [recorded.tenantId, data.endpointId, data.at],
      );
    },
    async WebhookEndpointDisabled(tx, { data }, recorded) {
      await tx.query(
        `UPDATE webhook_endpoints SET status = 'DISABLED', disabled_reason = $3, disabled_status_code = $4, disabled_at = $5, updated_at = $5
         WHERE tenant_id = $1 AND endpoint_id = $2`,
        [recorded.tenantId, data.endpointId, data.reason, data.statusCode, data.at],
      );
    },
    async WebhookEndpointEnabled(tx, { data }, recorded) {
      await tx.query(
        `UPDATE webhook_endpoints SET status = 'ACTIVE', disabled_reason = NULL, disabled_status_code = NULL, disabled_at = NULL, updated_at = $3
         WHERE tenant_id = $1 AND endpoint_id = $2`,
        [recorded.tenantId, data.endpointId, data.at],
      );
    },
    async WebhookEndpointRemoved(tx, { data }, recorded) {
      await tx.query(`DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND endpoint_id = $2`, [recorded.tenantId, data.endpointId]);
    },
  },
});
