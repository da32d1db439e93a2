/**
 * Webhook endpoint adapters: the engine's stand-ins where no directory is given
 * (the production one is `SqlWebhookEndpointDirectory` with `CommandEndpointDisabler`, composed by
 * `deliveryPorts`): no endpoint subscribed to anything, and a disabler that only logs.
 */
import type { Logger } from 'pino';
import type { WebhookEndpointDirectory, WebhookEndpointDisabler } from './delivery.ports';

export const noWebhookEndpoints: WebhookEndpointDirectory = { subscribedEndpoints: async () => [] };

export const loggingEndpointDisabler = (logger: Logger): WebhookEndpointDisabler => ({
  disable: async (tenantId, endpointId, reason) => logger.warn({ tenantId, endpointId, reason }, 'a webhook endpoint should be disabled; this delivery process was given no endpoint settings to disable it in'),
  standing: async () => 'NOT_RECEIVING',
});
