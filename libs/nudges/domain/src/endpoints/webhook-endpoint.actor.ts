/**
 * Who acts on a webhook endpoint: an organisation member (only an ADMIN may manage endpoints), or
 * Stepwise itself. The one system action is webhook delivery disabling an endpoint whose receiver
 * answered 410 Gone; its events name `WEBHOOK_DELIVERY_ACTOR_ID` where a member id would stand.
 */
import type { MemberActor } from '../settings/member-actor';

export const WEBHOOK_DELIVERY_ACTOR_ID = 'system:webhook-delivery';

export type WebhookEndpointActor =
  | ({ readonly kind: 'member' } & MemberActor)
  | { readonly kind: 'system'; readonly systemId: typeof WEBHOOK_DELIVERY_ACTOR_ID };

export const actorIdOf = (actor: WebhookEndpointActor): string => (actor.kind === 'member' ? actor.memberId : actor.systemId);
