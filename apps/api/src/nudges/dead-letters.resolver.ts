import { Inject } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ReplayDeadLetterCommand } from '@stepwise/nudges-application';
import type { DeliveryView, NudgeHistoryReadModel } from '@stepwise/nudges-infrastructure';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { PageArgs, toConnection, toPageRequest, type ConnectionShape } from '../graphql/connection';
import { toInPlaceOutcome } from '../graphql/mutation-outcome';
import { DeliveryAttemptConnection, DeliveryAttemptModel, DeliveryConnection, DeliveryModel, ReplayDeadLetterInput, ReplayDeadLetterPayload } from './dead-letters.models';
import { NUDGE_HISTORY } from './my-nudges.tokens';
import { toDeliveryModel } from './nudges.mappers';

/** Dead letters: deliveries that failed for good or ran out of attempts, which admins list, inspect and replay. */
@Resolver(() => DeliveryModel)
export class DeadLettersResolver {
  constructor(
    @Inject(NUDGE_HISTORY) private readonly history: NudgeHistoryReadModel,
    private readonly commands: CommandSender,
  ) {}

  @Query(() => DeliveryConnection, { description: 'Dead deliveries of the organisation, newest owed first (`createdAt`, then id: values a delivery keeps, so paging while dead letters are replayed neither skips nor repeats one). Admins only (FORBIDDEN).' })
  async deadLetters(@CurrentCaller() caller: Caller, @Args() page: PageArgs): Promise<ConnectionShape<DeliveryModel>> {
    const request = toPageRequest(page);
    return toConnection(await this.history.deadLetters(caller, request), request, toDeliveryModel);
  }

  @Mutation(() => ReplayDeadLetterPayload, { nullable: true, description: 'Replays a dead delivery: attempted again at once, with as many attempts as it first had. Admins only (FORBIDDEN).' })
  async replayDeadLetter(@CurrentCaller() caller: Caller, @Args('input', { description: 'The dead delivery.' }) input: ReplayDeadLetterInput): Promise<ReplayDeadLetterPayload> {
    const sent = await this.commands.sendInPlace(new ReplayDeadLetterCommand<DeliveryView>({ deliveryId: input.deliveryId }, this.commands.context(caller, input.clientMutationId)));
    return { delivery: toDeliveryModel(sent.view), outcome: toInPlaceOutcome(sent) };
  }

  @ResolveField(() => DeliveryAttemptConnection, { description: 'Every attempt, first first: when, on which channel, what came of it and the status code.' })
  async attempts(@CurrentCaller() caller: Caller, @Parent() delivery: DeliveryModel, @Args() page: PageArgs): Promise<ConnectionShape<DeliveryAttemptModel>> {
    const request = toPageRequest(page);
    return toConnection(await this.history.attempts(caller, delivery.id, request), request, (attempt) => ({ ...attempt }));
  }
}
