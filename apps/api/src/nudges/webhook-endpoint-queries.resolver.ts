import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { NUDGES_READ_MODEL, requireWebhookAdmin, type NudgesReadModel } from '@stepwise/nudges-application/read';
import { WEBHOOK_SUBSCRIPTIONS, WebhookEndpointNotFoundError } from '@stepwise/nudges-domain';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { PageArgs, toConnection, toPageRequest, type ConnectionShape } from '../graphql/connection';
import { toWebhookEndpointModel } from './nudges.mappers';
import { WebhookEndpointConnection, WebhookEndpointModel } from './webhook-endpoints.models';

/** What admins read about the organisation's webhook endpoints: never a secret. */
@Resolver(() => WebhookEndpointModel)
export class WebhookEndpointQueriesResolver {
  constructor(@Inject(NUDGES_READ_MODEL) private readonly nudges: NudgesReadModel) {}

  @Query(() => WebhookEndpointConnection, {
    description: 'The organisation’s webhook endpoints, oldest first. Admins only (FORBIDDEN otherwise). Signing secrets are never returned.',
  })
  async webhookEndpoints(@CurrentCaller() caller: Caller, @Args() page: PageArgs): Promise<ConnectionShape<WebhookEndpointModel>> {
    requireWebhookAdmin(caller);
    const request = toPageRequest(page);
    return toConnection(await this.nudges.webhookEndpoints(caller.organisationId, request), request, toWebhookEndpointModel);
  }

  @Query(() => WebhookEndpointModel, {
    description:
      'One of the organisation’s webhook endpoints by its id, with its deliveries: the way to page one endpoint’s deliveries without finding it in `webhookEndpoints`. Admins only (FORBIDDEN otherwise). An id of no endpoint of the organisation (a removed one included) fails with WEBHOOK_ENDPOINT_NOT_FOUND (field id). Signing secrets are never returned.',
  })
  async webhookEndpoint(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'The endpoint (its `id`).' }) id: string): Promise<WebhookEndpointModel> {
    requireWebhookAdmin(caller);
    const endpoint = await this.nudges.webhookEndpoint(caller.organisationId, id);
    if (!endpoint) throw new WebhookEndpointNotFoundError(id, 'id');
    return toWebhookEndpointModel(endpoint);
  }

  @Query(() => [String], { description: 'Everything a webhook endpoint can subscribe to: every domain event type name, then `nudge` (every nudge).' })
  webhookSubscriptionTypes(): string[] {
    return [...WEBHOOK_SUBSCRIPTIONS];
  }
}
