import type { NudgesCommandMetadata } from '../settings/member-actor';
import type { WebhookEndpointActor } from './webhook-endpoint.actor';
import type { WebhookDisabledReason } from './webhook-endpoint.events';

type Command<Type extends string, Data, Metadata = NudgesCommandMetadata<WebhookEndpointActor>> = {
  readonly type: Type;
  readonly data: Data & { readonly organisationId: string; readonly endpointId: string };
  readonly metadata: Metadata;
};

/** One of the organisation's endpoints and the url it posts to. */
export interface EndpointUrl {
  readonly endpointId: string;
  readonly url: string;
}

/** What a registration or a change of url is decided against, read on the same attempt. */
export interface EndpointUrlsMetadata extends NudgesCommandMetadata<WebhookEndpointActor> {
  /** The organisation's endpoints (enabled or disabled; removed ones are gone) and their urls. */
  readonly endpointUrls: readonly EndpointUrl[];
}

/** `sealedSecret` is the signing secret already sealed by the application: the decider never sees plaintext. */
export type RegisterWebhookEndpoint = Command<
  'RegisterWebhookEndpoint',
  { readonly url: string; readonly description?: string | null; readonly subscriptions: readonly string[]; readonly sealedSecret: string },
  EndpointUrlsMetadata
>;

/** Omitted fields stay as they are; `description: null` clears it. */
export type UpdateWebhookEndpoint = Command<
  'UpdateWebhookEndpoint',
  { readonly url?: string; readonly description?: string | null; readonly subscriptions?: readonly string[] },
  EndpointUrlsMetadata
>;

/** The previous secret stays valid for `gracePeriodMinutes` (DEFAULT_SECRET_GRACE_MINUTES when omitted). */
export type RotateWebhookSecret = Command<'RotateWebhookSecret', { readonly sealedSecret: string; readonly gracePeriodMinutes?: number }>;

export type ExpirePreviousWebhookSecret = Command<'ExpirePreviousWebhookSecret', object>;

/** ADMIN: an admin turns it off (no status code). GONE: webhook delivery, after the receiver answered `statusCode`. */
export type DisableWebhookEndpoint = Command<'DisableWebhookEndpoint', { readonly reason: WebhookDisabledReason; readonly statusCode?: number | null }>;

export type EnableWebhookEndpoint = Command<'EnableWebhookEndpoint', object>;

export type RemoveWebhookEndpoint = Command<'RemoveWebhookEndpoint', object>;

export type WebhookEndpointCommand =
  | RegisterWebhookEndpoint
  | UpdateWebhookEndpoint
  | RotateWebhookSecret
  | ExpirePreviousWebhookSecret
  | DisableWebhookEndpoint
  | EnableWebhookEndpoint
  | RemoveWebhookEndpoint;
