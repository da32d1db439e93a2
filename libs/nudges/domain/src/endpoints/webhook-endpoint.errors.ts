import { CodedError, NotFoundError } from '@stepwise/kernel';

export class WebhookEndpointNotFoundError extends NotFoundError {
  constructor(endpointId: string) {
    super('WEBHOOK_ENDPOINT_NOT_FOUND', 'No such webhook endpoint', { endpointId });
  }
}

/** Endpoint ids are never used twice in an organisation, even after removal. */
export class WebhookEndpointIdTakenError extends CodedError {
  constructor(endpointId: string) {
    super('DUPLICATE_ID', 'This webhook endpoint id is already used in the organisation', { field: 'endpointId', id: endpointId });
  }
}
