import { commandFingerprint, handleCommand, type CommandContext, type Unstamped } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { couldNameEntity, type Clock } from '@stepwise/kernel';
import {
  WEBHOOK_DELIVERY_ACTOR_ID,
  WebhookEndpointNotFoundError,
  webhookEndpointDecider,
  webhookEndpointStreamId,
  type WebhookEndpointActor,
  type WebhookEndpointCommand,
} from '@stepwise/nudges-domain';
import { OrganisationNotFoundError, type OrganisationState } from '@stepwise/tenancy-domain';
import { loadOrganisation, memberActorOf } from './nudges-actor';
import type { WebhookEndpointCommandResult } from './nudges-command.result';

export interface WebhookEndpointCommandPorts {
  readonly store: EventStore;
  readonly clock: Clock;
}

const isDeliveryContext = (context: CommandContext): boolean => context.memberId === undefined && context.subject === WEBHOOK_DELIVERY_ACTOR_ID;

const actorOf = (context: CommandContext, organisation: OrganisationState | undefined): WebhookEndpointActor => {
  if (isDeliveryContext(context)) return { kind: 'system', systemId: WEBHOOK_DELIVERY_ACTOR_ID };
  if (!organisation) throw new OrganisationNotFoundError(context.tenantId);
  return { kind: 'member', ...memberActorOf(organisation, context) };
};

/** What a command's metadata needs beyond its time and actor (registering: the organisation's endpoint count), read on each attempt. */
export type WebhookEndpointFacts = () => Promise<Readonly<Record<string, unknown>>>;

const noFacts: WebhookEndpointFacts = async () => ({});

/**
 * What every webhook endpoint handler does: load the endpoint's stream (and, for a member, the
 * organisation beside it for their role, and any `facts`), decide, append. A retried command is
 * answered from the stream before either is looked at. `fingerprintInput` is what the client
 * asked for with a supplied secret as its keyed digest (SecretSealer.fingerprintOf), never the
 * secret or a plain hash of it: a retry with another secret is other input.
 */
export const decideOnWebhookEndpoint = async (
  { store, clock }: WebhookEndpointCommandPorts,
  command: Unstamped<WebhookEndpointCommand>,
  context: CommandContext,
  fingerprintInput: unknown,
  facts: WebhookEndpointFacts = noFacts,
): Promise<Omit<WebhookEndpointCommandResult, 'signingSecret'>> => {
  // An id no endpoint can have names none, before the store's own limit could name its stream instead.
  if (!couldNameEntity(command.data.endpointId)) throw new WebhookEndpointNotFoundError(command.data.endpointId);
  const result = await handleCommand({
    store,
    decider: webhookEndpointDecider,
    streamId: webhookEndpointStreamId(command.data.endpointId),
    metadata: {
      tenantId: context.tenantId,
      commandId: context.commandId,
      actorId: context.memberId ?? context.subject,
      correlationId: context.correlationId,
      fingerprint: commandFingerprint(command.type, fingerprintInput),
    },
    alongside: async () => {
      const [organisation, known] = await Promise.all([isDeliveryContext(context) ? undefined : loadOrganisation(store, context), facts()]);
      return { organisation, known };
    },
    command: (_endpoint, { organisation, known }) => ({ ...command, metadata: { ...known, now: clock.now(), actor: actorOf(context, organisation) } }) as WebhookEndpointCommand,
  });
  return { ...result, endpointId: command.data.endpointId };
};
