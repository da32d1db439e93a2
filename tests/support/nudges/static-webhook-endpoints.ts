/** Webhook endpoints a test configures by hand, standing in for the organisation's endpoint settings; a 410 disables one. */
import type { EndpointStanding, WebhookEndpointDirectory, WebhookEndpointDisabler, WebhookTarget } from '@stepwise/nudges-infrastructure';

export interface StaticEndpoint extends WebhookTarget {
  readonly tenantId: string;
  /** Event types (and `nudge`) it is subscribed to. */
  readonly types: readonly string[];
}

export class StaticWebhookEndpoints implements WebhookEndpointDirectory, WebhookEndpointDisabler {
  readonly disabled = new Map<string, string>();
  private readonly settling = new Set<string>();

  constructor(private readonly endpoints: StaticEndpoint[] = []) {}

  add(endpoint: StaticEndpoint): void {
    this.endpoints.push(endpoint);
  }

  async subscribedEndpoints(tenantId: string, type: string): Promise<readonly WebhookTarget[]> {
    return this.endpoints
      .filter((endpoint) => endpoint.tenantId === tenantId && endpoint.types.includes(type) && !this.disabled.has(endpoint.endpointId) && !this.settling.has(endpoint.endpointId))
      .map(({ endpointId, url, secrets }) => ({ endpointId, url, secrets }));
  }

  async disable(_tenantId: string, endpointId: string, reason: string): Promise<void> {
    this.disabled.set(endpointId, reason);
  }

  async standing(tenantId: string, endpointId: string, type: string): Promise<EndpointStanding> {
    if (!this.endpoints.some((endpoint) => endpoint.tenantId === tenantId && endpoint.endpointId === endpointId && endpoint.types.includes(type))) return 'NOT_RECEIVING';
    return this.disabled.has(endpointId) ? 'DISABLED' : this.settling.has(endpointId) ? 'RECEIVING' : 'NOT_RECEIVING';
  }

  /** As the directory reads an endpoint changed a moment ago (enabled, say) that it does not show yet: unlisted, though its own stream has it receiving. */
  settle(endpointId: string, settled: boolean): void {
    if (settled) this.settling.delete(endpointId);
    else this.settling.add(endpointId);
  }

  /** An admin's enableWebhookEndpoint. */
  enable(endpointId: string): void {
    this.disabled.delete(endpointId);
  }
}

export const TEST_WEBHOOK_SECRET = `whsec_${Buffer.from('stepwise-test-webhook-secret').toString('base64')}`;
