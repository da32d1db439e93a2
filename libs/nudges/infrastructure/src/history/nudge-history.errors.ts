import { CodedError, NotFoundError } from '@stepwise/kernel';

/** No such nudge for this member (including another member's, or another tenant's). */
export class NudgeNotFoundError extends NotFoundError {
  constructor(nudgeId: string) {
    super('NUDGE_NOT_FOUND', 'No such nudge', { field: 'nudgeId', nudgeId });
  }
}

/** No such delivery in this organisation. */
export class DeliveryNotFoundError extends NotFoundError {
  constructor(deliveryId: string) {
    super('DELIVERY_NOT_FOUND', 'No such delivery', { field: 'deliveryId', deliveryId });
  }
}

/** Only a dead delivery can be replayed; this one is pending, delivered or suppressed. */
export class DeliveryNotDeadError extends CodedError {
  constructor(deliveryId: string, state: string) {
    super('DELIVERY_NOT_DEAD', `Only a dead delivery can be replayed; this one is ${state}`, { field: 'deliveryId', deliveryId, state });
  }
}

/** Dead letters are the organisation's admins' to see and replay. */
export class AdminRequiredError extends CodedError {
  constructor() {
    super('FORBIDDEN', 'Only an organisation ADMIN may see and replay dead letters');
  }
}

/** Why a dead webhook delivery's endpoint would not receive a replay: the delivery would be suppressed at once, spent, or (removed) nothing is there. */
export type EndpointNotReceiving = 'DISABLED' | 'UNSUBSCRIBED' | 'REMOVED';

const NOT_RECEIVING: Record<EndpointNotReceiving, readonly [code: string, message: string]> = {
  DISABLED: ['WEBHOOK_ENDPOINT_DISABLED', 'The webhook endpoint this delivery goes to is disabled: enable it (enableWebhookEndpoint, after updating its URL if it moved), then replay'],
  UNSUBSCRIBED: ['WEBHOOK_ENDPOINT_UNSUBSCRIBED', 'The webhook endpoint this delivery goes to no longer subscribes to its type: subscribe it again, then replay'],
  REMOVED: [
    'WEBHOOK_ENDPOINT_REMOVED',
    'The webhook endpoint this delivery went to was removed, so nothing can receive a replay; the dead letter stays as the record of what it was not sent',
  ],
};

/** A dead webhook delivery is replayed only to an endpoint that would receive it; nothing is changed. */
export class EndpointNotReceivingError extends CodedError {
  constructor(deliveryId: string, endpointId: string, reason: EndpointNotReceiving) {
    const [code, message] = NOT_RECEIVING[reason];
    // The delivery asked for names the field, as the other refusals of a replay do; its endpoint is why.
    super(code, message, { field: 'deliveryId', deliveryId, endpointId });
  }
}
