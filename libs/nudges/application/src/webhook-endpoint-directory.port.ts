/** How webhook delivery finds where an event or a nudge goes, and what to sign it with. */

export interface SubscribedWebhookEndpoint {
  readonly endpointId: string;
  readonly url: string;
  /**
   * The signing secrets to sign with (Standard Webhooks: one signature per secret), unsealed
   * `whsec_…` strings, newest first, only those still valid: the current one, and the one the last
   * rotation replaced while its grace period lasts.
   */
  readonly secrets: readonly string[];
  /**
   * Why the secrets could not be opened (a secrets key this process does not hold, an altered
   * value), when they could not: `secrets` is then empty, and a delivery to the endpoint fails for
   * good with this reason instead of the whole directory failing for one endpoint.
   */
  readonly secretsUnavailable?: string;
}

export interface WebhookEndpointDirectory {
  /**
   * The tenant's enabled endpoints subscribed to `type`: a domain event type name, or `nudge` for a
   * nudge. Reads as the tenant (row-level security); call it inside that tenant's context or none.
   */
  subscribedEndpoints(tenantId: string, type: string): Promise<SubscribedWebhookEndpoint[]>;
}

export const WEBHOOK_ENDPOINT_DIRECTORY = Symbol('stepwise.webhook-endpoint-directory');
