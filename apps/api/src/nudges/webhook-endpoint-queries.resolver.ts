import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { NUDGES_READ_MODEL, requireWebhookAdmin, type NudgesReadModel } from '@stepwise/nudges-application/read';
import { WEBHOOK_SUBSCRIPTIONS } from '@stepwise/nudges-domain';
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

  @Query(() => [String], { description: 'Everything a webhook endpoint can subscribe to: every domain event type name, then `nudge` (every nudge).' })
  webhookSubscriptionTypes(): string[] {
    return [...WEBHOOK_SUBSCRIPTIONS];
  }
}
