/**
 * A customer webhook endpoint: where events and nudges are POSTed, which of them, and the secrets
 * they are signed with. Admins manage it; webhook delivery disables it when the receiver says it is
 * gone. A rotation keeps the replaced secret valid for a grace period, so two verify at once.
 */
import { invalid, type EventSourcedDecider } from '@stepwise/kernel';
import { ForbiddenError } from '@stepwise/tenancy-domain';
import { actorIdOf, type WebhookEndpointActor } from './webhook-endpoint.actor';
import type {
  DisableWebhookEndpoint,
  EndpointUrl,
  ExpirePreviousWebhookSecret,
  RegisterWebhookEndpoint,
  RotateWebhookSecret,
  UpdateWebhookEndpoint,
  WebhookEndpointCommand,
} from './webhook-endpoint.commands';
import { WebhookEndpointIdTakenError, WebhookEndpointLimitReachedError, WebhookEndpointNotFoundError, WebhookUrlTakenError } from './webhook-endpoint.errors';
import { webhookEndpointEventSchemaVersions, type WebhookEndpointEvent } from './webhook-endpoint.events';
import { MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION } from './webhook-endpoint.limits';
import { evolveWebhookEndpoint, initialWebhookEndpointState, type LiveWebhookEndpoint, type WebhookEndpointState } from './webhook-endpoint.state';
import { validGracePeriodMinutes, validStatusCode, validSubscriptions, validWebhookDescription, validWebhookUrl } from './webhook-endpoint.validation';

const WEBHOOKS_ADMIN_ONLY = 'Only an organisation ADMIN may manage webhook endpoints';

/** The first check of an admin's endpoint command, before its input is read: a non-admin learns nothing of it. */
export const refuseUnlessWebhooksAdmin = (orgRole: string | undefined): void => {
  if (orgRole !== 'ADMIN') throw new ForbiddenError(WEBHOOKS_ADMIN_ONLY);
};

const requireAdmin = (actor: WebhookEndpointActor): string => {
  if (actor.kind !== 'member' || actor.orgRole !== 'ADMIN') throw new ForbiddenError(WEBHOOKS_ADMIN_ONLY);
  return actor.memberId;
};

const requireLive = (state: WebhookEndpointState, endpointId: string): LiveWebhookEndpoint => {
  if (state.status !== 'ACTIVE' && state.status !== 'DISABLED') throw new WebhookEndpointNotFoundError(endpointId);
  return state;
};

/** A sealed secret is opaque here; it only has to be there. */
const sealed = (value: unknown): string =>
  typeof value === 'string' && value.length > 0 ? value : invalid('secret', 'REQUIRED', 'A sealed secret is required');

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((item, index) => item === b[index]);

/** An endpoint is the organisation's only one posting to its url (`endpointId` is the one being decided). */
const refuseUrlTaken = (url: string, endpointId: string, endpointUrls: readonly EndpointUrl[]): void => {
  const taken = endpointUrls.find((other) => other.url === url && other.endpointId !== endpointId);
  if (taken) throw new WebhookUrlTakenError(url, taken.endpointId);
};

const register = ({ data, metadata }: RegisterWebhookEndpoint, state: WebhookEndpointState): WebhookEndpointEvent[] => {
  const by = requireAdmin(metadata.actor);
  const url = validWebhookUrl(data.url);
  const description = validWebhookDescription(data.description);
  const subscriptions = validSubscriptions(data.subscriptions);
  const sealedSecret = sealed(data.sealedSecret);
  if (state.status !== 'NEW') throw new WebhookEndpointIdTakenError(data.endpointId);
  refuseUrlTaken(url, data.endpointId, metadata.endpointUrls);
  const registered = metadata.endpointUrls.length;
  if (registered >= MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION) throw new WebhookEndpointLimitReachedError(MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION, registered);
  const { organisationId, endpointId } = data;
  return [
    { type: 'WebhookEndpointRegistered', data: { organisationId, endpointId, url, description, subscriptions, sealedSecret, registeredBy: by, at: metadata.now.toISOString() } },
  ];
};

const update = ({ data, metadata }: UpdateWebhookEndpoint, state: WebhookEndpointState): WebhookEndpointEvent[] => {
  const by = requireAdmin(metadata.actor);
  const endpoint = requireLive(state, data.endpointId);
  if (data.url === undefined && data.description === undefined && data.subscriptions === undefined) {
    invalid('input', 'REQUIRED', 'Give a url, a description, subscriptions, or any of them', { oneOf: ['url', 'description', 'subscriptions'] });
  }
  const url = data.url === undefined ? endpoint.url : validWebhookUrl(data.url);
  if (url !== endpoint.url) refuseUrlTaken(url, data.endpointId, metadata.endpointUrls);
  const description = data.description === undefined ? endpoint.description : validWebhookDescription(data.description);
  const subscriptions = data.subscriptions === undefined ? [...endpoint.subscriptions] : validSubscriptions(data.subscriptions);
  if (url === endpoint.url && description === endpoint.description && sameList(subscriptions, endpoint.subscriptions)) return [];
  const { organisationId, endpointId } = data;
  return [{ type: 'WebhookEndpointUpdated', data: { organisationId, endpointId, url, description, subscriptions, updatedBy: by, at: metadata.now.toISOString() } }];
};

const rotate = ({ data, metadata }: RotateWebhookSecret, state: WebhookEndpointState): WebhookEndpointEvent[] => {
  const by = requireAdmin(metadata.actor);
  const sealedSecret = sealed(data.sealedSecret);
  const graceMinutes = validGracePeriodMinutes(data.gracePeriodMinutes);
  requireLive(state, data.endpointId);
  const previousSecretExpiresAt = new Date(metadata.now.getTime() + graceMinutes * 60_000).toISOString();
  const { organisationId, endpointId } = data;
  return [{ type: 'WebhookSecretRotated', data: { organisationId, endpointId, sealedSecret, previousSecretExpiresAt, rotatedBy: by, at: metadata.now.toISOString() } }];
};

const expirePrevious = ({ data, metadata }: ExpirePreviousWebhookSecret, state: WebhookEndpointState): WebhookEndpointEvent[] => {
  const by = requireAdmin(metadata.actor);
  const endpoint = requireLive(state, data.endpointId);
  const stillValid = endpoint.previousSecretExpiresAt !== null && Date.parse(endpoint.previousSecretExpiresAt) > metadata.now.getTime();
  if (!stillValid) return [];
  const { organisationId, endpointId } = data;
  return [{ type: 'WebhookPreviousSecretExpired', data: { organisationId, endpointId, expiredBy: by, at: metadata.now.toISOString() } }];
};

const disable = ({ data, metadata }: DisableWebhookEndpoint, state: WebhookEndpointState): WebhookEndpointEvent[] => {
  const { actor } = metadata;
  let statusCode: number | null = null;
  if (data.reason === 'GONE') {
    if (actor.kind !== 'system') throw new ForbiddenError('Only webhook delivery marks an endpoint gone');
    statusCode = validStatusCode(data.statusCode);
  } else if (data.reason === 'ADMIN') {
    requireAdmin(actor);
    if (data.statusCode !== undefined && data.statusCode !== null) invalid('statusCode', 'NOT_APPLICABLE', 'An admin disables an endpoint without a status code');
  } else {
    invalid('reason', 'NOT_ALLOWED', 'reason must be ADMIN or GONE');
  }
  const endpoint = requireLive(state, data.endpointId);
  if (endpoint.status === 'DISABLED') return [];
  const { organisationId, endpointId, reason } = data;
  return [{ type: 'WebhookEndpointDisabled', data: { organisationId, endpointId, reason, statusCode, disabledBy: actorIdOf(actor), at: metadata.now.toISOString() } }];
};

const enable = ({ data, metadata }: Extract<WebhookEndpointCommand, { type: 'EnableWebhookEndpoint' }>, state: WebhookEndpointState): WebhookEndpointEvent[] => {
  const by = requireAdmin(metadata.actor);
  const endpoint = requireLive(state, data.endpointId);
  if (endpoint.status === 'ACTIVE') return [];
  return [{ type: 'WebhookEndpointEnabled', data: { organisationId: data.organisationId, endpointId: data.endpointId, enabledBy: by, at: metadata.now.toISOString() } }];
};

const remove = ({ data, metadata }: Extract<WebhookEndpointCommand, { type: 'RemoveWebhookEndpoint' }>, state: WebhookEndpointState): WebhookEndpointEvent[] => {
  const by = requireAdmin(metadata.actor);
  requireLive(state, data.endpointId);
  return [{ type: 'WebhookEndpointRemoved', data: { organisationId: data.organisationId, endpointId: data.endpointId, removedBy: by, at: metadata.now.toISOString() } }];
};

export const decideWebhookEndpoint = (command: WebhookEndpointCommand, state: WebhookEndpointState): WebhookEndpointEvent[] => {
  switch (command.type) {
    case 'RegisterWebhookEndpoint':
      return register(command, state);
    case 'UpdateWebhookEndpoint':
      return update(command, state);
    case 'RotateWebhookSecret':
      return rotate(command, state);
    case 'ExpirePreviousWebhookSecret':
      return expirePrevious(command, state);
    case 'DisableWebhookEndpoint':
      return disable(command, state);
    case 'EnableWebhookEndpoint':
      return enable(command, state);
    case 'RemoveWebhookEndpoint':
      return remove(command, state);
  }
};

export const webhookEndpointDecider: EventSourcedDecider<WebhookEndpointCommand, WebhookEndpointEvent, WebhookEndpointState> = {
  initialState: initialWebhookEndpointState,
  decide: decideWebhookEndpoint,
  evolve: evolveWebhookEndpoint,
  eventSchemaVersions: webhookEndpointEventSchemaVersions,
};
