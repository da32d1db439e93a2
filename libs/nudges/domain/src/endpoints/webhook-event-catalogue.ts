/**
 * What a webhook endpoint can subscribe to: the name of any domain event type of the journeys,
 * tenancy and nudges contexts, or `nudge` for every nudge addressed to the organisation.
 */
import { journeyEventTypes } from '@stepwise/journeys-domain';
import { organisationEventTypes, teamEventTypes } from '@stepwise/tenancy-domain';
import { channelIntegrationEventTypes } from '../integrations/channel-integration.events';
import { nudgePreferencesEventTypes } from '../nudge-preferences.events';
import { webhookEndpointEventTypes } from './webhook-endpoint.events';

export const NUDGE_SUBSCRIPTION = 'nudge';

export const SUBSCRIBABLE_EVENT_TYPES: readonly string[] = [
  ...organisationEventTypes,
  ...teamEventTypes,
  ...journeyEventTypes,
  ...nudgePreferencesEventTypes,
  ...webhookEndpointEventTypes,
  ...channelIntegrationEventTypes,
];

/** Every name a subscription list may hold: the event types, then `nudge`. */
export const WEBHOOK_SUBSCRIPTIONS: readonly string[] = [...SUBSCRIBABLE_EVENT_TYPES, NUDGE_SUBSCRIPTION];

const known = new Set(WEBHOOK_SUBSCRIPTIONS);
export const isWebhookSubscription = (value: unknown): value is string => typeof value === 'string' && known.has(value);

/**
 * An event's data as a webhook receiver may see it: without any sealed value (a webhook endpoint's
 * signing secret, a Slack token or webhook URL, a Teams workflow URL, an SMTP password; their fields
 * are all named `sealed…`): a receiver has no use for ciphertext of a secret, and must not hold it.
 * Everything else as it was recorded.
 */
export const deliverableEventData = (_type: string, data: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('sealed')));
