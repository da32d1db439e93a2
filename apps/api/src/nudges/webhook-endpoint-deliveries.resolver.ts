import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { NudgeHistoryReadModel } from '@stepwise/nudges-infrastructure';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { PageArgs, toConnection, toPageRequest, type ConnectionShape } from '../graphql/connection';
import { DeliveryConnection, DeliveryModel, DeliveryStateEnum } from './dead-letters.models';
import { NUDGE_HISTORY } from './my-nudges.tokens';
import { toDeliveryModel } from './nudges.mappers';
import { WebhookEndpointModel } from './webhook-endpoints.models';

/** What an endpoint was sent, is being sent and will be sent: the admin's view of one receiver's deliveries. */
@Resolver(() => WebhookEndpointModel)
export class WebhookEndpointDeliveriesResolver {
  constructor(@Inject(NUDGE_HISTORY) private readonly history: NudgeHistoryReadModel) {}

  @ResolveField(() => DeliveryConnection, {
    description:
      'What was owed to this endpoint, in every state (or one): pending, retrying (with `nextAttemptAt`, a `Retry-After` honoured), delivered, suppressed and dead, newest owed first (`createdAt`, then id), each with its attempts. Settled ones are kept as long as the nudge history (STEPWISE_NUDGE_HISTORY_DAYS). Admins only (FORBIDDEN).',
  })
  async deliveries(
    @CurrentCaller() caller: Caller,
    @Parent() endpoint: WebhookEndpointModel,
    @Args() page: PageArgs,
    @Args('state', { type: () => DeliveryStateEnum, nullable: true, description: 'Only deliveries in this state; omit for all.' }) state?: keyof typeof DeliveryStateEnum | null,
  ): Promise<ConnectionShape<DeliveryModel>> {
    const request = toPageRequest(page);
    return toConnection(await this.history.endpointDeliveries(caller, endpoint.id, request, state ?? undefined), request, toDeliveryModel);
  }
}
