import { CodedError, NotFoundError } from '@stepwise/kernel';

export class WebhookEndpointNotFoundError extends NotFoundError {
  constructor(endpointId: string, field = 'endpointId') {
    super('WEBHOOK_ENDPOINT_NOT_FOUND', 'No such webhook endpoint', { field, endpointId });
  }
}

/** Endpoint ids are never used twice in an organisation, even after removal. */
export class WebhookEndpointIdTakenError extends CodedError {
  constructor(endpointId: string) {
    super('DUPLICATE_ID', 'This webhook endpoint id is already used in the organisation', { field: 'endpointId', id: endpointId });
  }
}

/** The organisation has as many endpoints as it may (disabled ones included): one is removed before another is registered. */
export class WebhookEndpointLimitReachedError extends CodedError {
  constructor(limit: number, registered: number) {
    super('WEBHOOK_ENDPOINT_LIMIT_REACHED', `An organisation has at most ${limit} webhook endpoints, disabled ones included; remove one to register another`, {
      limit,
      registered,
    });
  }
}

/**
 * Another endpoint of the organisation (enabled or disabled) already posts to this url: every event
 * and nudge both subscribe to would reach the receiver twice. Change that endpoint's subscriptions.
 */
export class WebhookUrlTakenError extends CodedError {
  constructor(url: string, endpointId: string) {
    super('WEBHOOK_URL_TAKEN', `Endpoint ${endpointId} already posts to ${url}; change its subscriptions instead of registering the url twice`, {
      field: 'url',
      endpointId,
    });
  }
}
