/** A webhook endpoint, derived only by folding its events. */
import type { WebhookDisabledReason, WebhookEndpointEvent } from './webhook-endpoint.events';

export interface LiveWebhookEndpoint {
  readonly status: 'ACTIVE' | 'DISABLED';
  readonly endpointId: string;
  readonly url: string;
  readonly description: string | null;
  readonly subscriptions: readonly string[];
  readonly sealedSecret: string;
  /** The secret the last rotation replaced, valid until `previousSecretExpiresAt`; null when there is none. */
  readonly previousSealedSecret: string | null;
  readonly previousSecretExpiresAt: string | null;
  readonly disabledReason: WebhookDisabledReason | null;
}

export type WebhookEndpointState = { readonly status: 'NEW' } | LiveWebhookEndpoint | { readonly status: 'REMOVED'; readonly endpointId: string };

export const initialWebhookEndpointState = (): WebhookEndpointState => ({ status: 'NEW' });

const live = (state: WebhookEndpointState, change: Partial<LiveWebhookEndpoint>): WebhookEndpointState =>
  state.status === 'ACTIVE' || state.status === 'DISABLED' ? { ...state, ...change } : state;

export const evolveWebhookEndpoint = (state: WebhookEndpointState, event: WebhookEndpointEvent): WebhookEndpointState => {
  switch (event.type) {
    case 'WebhookEndpointRegistered': {
      const { endpointId, url, description, subscriptions, sealedSecret } = event.data;
      return {
        status: 'ACTIVE',
        endpointId,
        url,
        description,
        subscriptions,
        sealedSecret,
        previousSealedSecret: null,
        previousSecretExpiresAt: null,
        disabledReason: null,
      };
    }
    case 'WebhookEndpointUpdated':
      return live(state, { url: event.data.url, description: event.data.description, subscriptions: event.data.subscriptions });
    case 'WebhookSecretRotated':
      return state.status === 'ACTIVE' || state.status === 'DISABLED'
        ? { ...state, sealedSecret: event.data.sealedSecret, previousSealedSecret: state.sealedSecret, previousSecretExpiresAt: event.data.previousSecretExpiresAt }
        : state;
    case 'WebhookPreviousSecretExpired':
      return live(state, { previousSealedSecret: null, previousSecretExpiresAt: null });
    case 'WebhookEndpointDisabled':
      return live(state, { status: 'DISABLED', disabledReason: event.data.reason });
    case 'WebhookEndpointEnabled':
      return live(state, { status: 'ACTIVE', disabledReason: null });
    case 'WebhookEndpointRemoved':
      return { status: 'REMOVED', endpointId: event.data.endpointId };
  }
};
