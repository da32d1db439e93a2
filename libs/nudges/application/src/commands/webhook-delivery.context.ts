/**
 * The command context webhook delivery sends DisableWebhookEndpoint with when a receiver answers
 * 410 Gone: no member, the delivery's own subject. The handlers read a context without a member id
 * and with this subject as Stepwise acting by itself (the api always sends a member's id).
 */
import type { CommandContext } from '@stepwise/command-handling';
import { WEBHOOK_DELIVERY_ACTOR_ID } from '@stepwise/nudges-domain';

/**
 * `commandId` should be derived from the delivery attempt (e.g. `uuidFromParts('webhook-gone',
 * deliveryId)`), so a retried job appends once. Run the command inside `runInTenant` for `tenantId`.
 */
export const webhookDeliveryContext = (tenantId: string, commandId: string, correlationId: string): CommandContext => ({
  tenantId,
  subject: WEBHOOK_DELIVERY_ACTOR_ID,
  commandId,
  correlationId,
});
