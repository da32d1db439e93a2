/**
 * A customer webhook endpoint's life, on stream `webhook-endpoint-<endpointId>`. Secrets appear only
 * sealed (encrypted under the platform's secrets key): no event ever carries a signing secret in
 * plaintext. `*By` fields are member ids, or a system actor's id (see webhook-endpoint.actor.ts).
 */
import { eventTypesOf, isEventTypeOf, type EventSchemaVersions } from '@stepwise/kernel';

export const WEBHOOK_ENDPOINT_STREAM_PREFIX = 'webhook-endpoint-';
export const webhookEndpointStreamId = (endpointId: string): string => `${WEBHOOK_ENDPOINT_STREAM_PREFIX}${endpointId}`;

export type WebhookDisabledReason = 'ADMIN' | 'GONE';
export const WEBHOOK_DISABLED_REASONS: readonly WebhookDisabledReason[] = ['ADMIN', 'GONE'];

type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data };

export type WebhookEndpointRegistered = Event<
  'WebhookEndpointRegistered',
  {
    organisationId: string;
    endpointId: string;
    url: string;
    description: string | null;
    subscriptions: string[];
    sealedSecret: string;
    registeredBy: string;
    at: string;
  }
>;

/** The endpoint's url, description and subscriptions after the change, whole. */
export type WebhookEndpointUpdated = Event<
  'WebhookEndpointUpdated',
  { organisationId: string; endpointId: string; url: string; description: string | null; subscriptions: string[]; updatedBy: string; at: string }
>;

/** A new secret signs from now on; the one it replaces still verifies until `previousSecretExpiresAt`. */
export type WebhookSecretRotated = Event<
  'WebhookSecretRotated',
  { organisationId: string; endpointId: string; sealedSecret: string; previousSecretExpiresAt: string; rotatedBy: string; at: string }
>;

/** The previous secret stops being valid now, before its grace period ends. */
export type WebhookPreviousSecretExpired = Event<'WebhookPreviousSecretExpired', { organisationId: string; endpointId: string; expiredBy: string; at: string }>;

/** Nothing is delivered to the endpoint until it is enabled again. GONE: the receiver answered `statusCode` (410). */
export type WebhookEndpointDisabled = Event<
  'WebhookEndpointDisabled',
  { organisationId: string; endpointId: string; reason: WebhookDisabledReason; statusCode: number | null; disabledBy: string; at: string }
>;

export type WebhookEndpointEnabled = Event<'WebhookEndpointEnabled', { organisationId: string; endpointId: string; enabledBy: string; at: string }>;

export type WebhookEndpointRemoved = Event<'WebhookEndpointRemoved', { organisationId: string; endpointId: string; removedBy: string; at: string }>;

export type WebhookEndpointEvent =
  | WebhookEndpointRegistered
  | WebhookEndpointUpdated
  | WebhookSecretRotated
  | WebhookPreviousSecretExpired
  | WebhookEndpointDisabled
  | WebhookEndpointEnabled
  | WebhookEndpointRemoved;

export const webhookEndpointEventSchemaVersions: EventSchemaVersions<WebhookEndpointEvent> = {
  WebhookEndpointRegistered: 1,
  WebhookEndpointUpdated: 1,
  WebhookSecretRotated: 1,
  WebhookPreviousSecretExpired: 1,
  WebhookEndpointDisabled: 1,
  WebhookEndpointEnabled: 1,
  WebhookEndpointRemoved: 1,
};

export const webhookEndpointEventTypes = eventTypesOf(webhookEndpointEventSchemaVersions);
export const isWebhookEndpointEvent = (event: { type: string }): event is WebhookEndpointEvent =>
  isEventTypeOf(webhookEndpointEventSchemaVersions, event.type);
