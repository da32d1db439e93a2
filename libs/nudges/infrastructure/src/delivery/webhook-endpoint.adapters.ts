/**
 * Webhook endpoint adapters: a short-lived cache in front of the directory (each delivery asks
 * whether its endpoint is still subscribed), and the engine's stand-ins where no directory is given
 * (the production one is `SqlWebhookEndpointDirectory` with `CommandEndpointDisabler`, composed by
 * `deliveryPorts`): no endpoint subscribed to anything, and a disabler that only logs.
 */
import type { Logger } from 'pino';
import type { WebhookEndpointDirectory, WebhookEndpointDisabler, WebhookTarget } from './delivery.ports';

export const noWebhookEndpoints: WebhookEndpointDirectory = { subscribedEndpoints: async () => [] };

export const loggingEndpointDisabler = (logger: Logger): WebhookEndpointDisabler => ({
  disable: async (tenantId, endpointId, reason) => logger.warn({ tenantId, endpointId, reason }, 'a webhook endpoint should be disabled; this delivery process was given no endpoint settings to disable it in'),
  isDisabledButSubscribed: async () => false,
});

/** Answers from memory for `ttlMs` after each lookup; `forget` drops a tenant's answers (after a 410). */
export class CachedEndpointDirectory implements WebhookEndpointDirectory {
  private readonly entries = new Map<string, { at: number; targets: Promise<readonly WebhookTarget[]> }>();

  constructor(
    private readonly directory: WebhookEndpointDirectory,
    private readonly ttlMs: number,
  ) {}

  subscribedEndpoints(tenantId: string, type: string): Promise<readonly WebhookTarget[]> {
    const key = `${tenantId}\u0000${type}`;
    const cached = this.entries.get(key);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.targets;
    const targets = this.directory.subscribedEndpoints(tenantId, type);
    this.entries.set(key, { at: Date.now(), targets });
    targets.catch(() => this.entries.delete(key));
    return targets;
  }

  forget(tenantId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${tenantId}\u0000`)) this.entries.delete(key);
  }
}
