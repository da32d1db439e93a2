/** Webhook endpoints a test configures by hand, standing in for the organisation's endpoint settings; a 410 disables one. */
import type { WebhookEndpointDirectory, WebhookEndpointDisabler, WebhookTarget } from '@stepwise/nudges-infrastructure';

export interface StaticEndpoint extends WebhookTarget {
  readonly tenantId: string;
  /** Event types (and `nudge`) it is subscribed to. */
  readonly types: readonly string[];
}

export class StaticWebhookEndpoints implements WebhookEndpointDirectory, WebhookEndpointDisabler {
  readonly disabled = new Map<string, string>();

  constructor(private readonly endpoints: StaticEndpoint[] = []) {}

  add(endpoint: StaticEndpoint): void {
    this.endpoints.push(endpoint);
  }

  async subscribedEndpoints(tenantId: string, type: string): Promise<readonly WebhookTarget[]> {
    return this.endpoints
      .filter((endpoint) => endpoint.tenantId === tenantId && endpoint.types.includes(type) && !this.disabled.has(endpoint.endpointId))
      .map(({ endpointId, url, secrets }) => ({ endpointId, url, secrets }));
  }

  async disable(_tenantId: string, endpointId: string, reason: string): Promise<void> {
    this.disabled.set(endpointId, reason);
  }

  async isDisabledButSubscribed(tenantId: string, endpointId: string, type: string): Promise<boolean> {
    return this.disabled.has(endpointId) && this.endpoints.some((endpoint) => endpoint.tenantId === tenantId && endpoint.endpointId === endpointId && endpoint.types.includes(type));
  }

  /** An admin's enableWebhookEndpoint. */
  enable(endpointId: string): void {
    this.disabled.delete(endpointId);
  }
}

export const TEST_WEBHOOK_SECRET = `whsec_${Buffer.from('stepwise-test-webhook-secret').toString('base64')}`;
