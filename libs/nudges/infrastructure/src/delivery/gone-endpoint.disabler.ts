/**
 * Turns a webhook endpoint off when its receiver answered 410 Gone, through the endpoint's own
 * command (DisableWebhookEndpoint, reason GONE, as Stepwise itself): the endpoint's history records
 * it, admins see `disabledReason: GONE`, and the directory stops returning it once projected. The
 * command id derives from the delivery and attempt, so a job that runs twice appends once; an
 * endpoint removed meanwhile has nothing left to disable. Whether an endpoint is disabled is read
 * from its stream, as the commands read it: an admin's enableWebhookEndpoint counts at once.
 */
import { loadState } from '@stepwise/command-handling';
import { DisableWebhookEndpointCommand, DisableWebhookEndpointHandler, webhookDeliveryContext } from '@stepwise/nudges-application';
import { webhookEndpointDecider, webhookEndpointStreamId } from '@stepwise/nudges-domain';
import type { EventStore } from '@stepwise/event-store';
import { isCodedError, maybeCurrentTenant, runInTenant, uuidFromParts, type Clock } from '@stepwise/kernel';
import type { Logger } from 'pino';
import type { EndpointStanding, GoneAnswer, WebhookEndpointDisabler } from './delivery.ports';

const GONE_STATUS = 410;

export class CommandEndpointDisabler implements WebhookEndpointDisabler {
  private readonly handler: DisableWebhookEndpointHandler;

  constructor(
    private readonly store: EventStore,
    clock: Clock,
    private readonly logger: Logger,
  ) {
    this.handler = new DisableWebhookEndpointHandler(store, clock);
  }

  async standing(tenantId: string, endpointId: string, type: string): Promise<EndpointStanding> {
    const correlationId = maybeCurrentTenant()?.correlationId ?? `webhook-endpoint:${endpointId}`;
    const { state } = await runInTenant({ tenantId, correlationId }, () => loadState(this.store, webhookEndpointDecider, tenantId, webhookEndpointStreamId(endpointId)));
    if ((state.status !== 'ACTIVE' && state.status !== 'DISABLED') || !state.subscriptions.includes(type)) return 'NOT_RECEIVING';
    return state.status === 'DISABLED' ? 'DISABLED' : 'RECEIVING';
  }

  async disable(tenantId: string, endpointId: string, reason: string, answer: GoneAnswer): Promise<void> {
    const correlationId = `webhook-gone:${answer.deliveryId}:${answer.attemptNumber}`;
    const context = webhookDeliveryContext(tenantId, uuidFromParts('webhook-gone', answer.deliveryId, String(answer.attemptNumber)), correlationId);
    const command = new DisableWebhookEndpointCommand({ endpointId, reason: 'GONE', statusCode: answer.statusCode ?? GONE_STATUS }, context);
    try {
      await runInTenant({ tenantId, correlationId }, () => this.handler.execute(command));
      this.logger.warn({ tenantId, endpointId, reason }, 'webhook endpoint disabled: its receiver answered that it is gone');
    } catch (error) {
      if (isCodedError(error) && error.code === 'WEBHOOK_ENDPOINT_NOT_FOUND') {
        this.logger.info({ tenantId, endpointId }, 'a webhook endpoint answered gone, and was removed meanwhile');
        return;
      }
      throw error;
    }
  }
}
