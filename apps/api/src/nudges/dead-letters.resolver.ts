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

const toDeliveryModel = (delivery: DeliveryView): DeliveryModel => ({
  id: delivery.deliveryId,
  kind: delivery.kind,
  state: delivery.state,
  channel: delivery.channel,
  eventType: delivery.eventType,
  // A member's nudge is not named: its id is a hash of the rule, the recipient and the subject, so
  // whoever lists dead letters could tell from it which reflection owed a leader a support nudge
  // (a comfort at or below the threshold), which only the team's leaders may know.
  nudgeId: delivery.kind === 'MEMBER' ? null : delivery.nudgeId,
  recipientId: delivery.kind === 'MEMBER' ? delivery.memberId : null,
  endpointId: delivery.endpointId,
  suppressedReason: delivery.suppressedReason,
  attemptCount: delivery.attempts,
  maxAttempts: delivery.maxAttempts,
  nextAttemptAt: delivery.nextAttemptAt,
  lastOutcome: delivery.lastOutcome,
  lastStatusCode: delivery.lastStatusCode,
  lastDetail: delivery.lastDetail,
  lastAttemptAt: delivery.lastAttemptAt,
  createdAt: delivery.createdAt,
  finishedAt: delivery.finishedAt,
  replays: delivery.replays,
  replayedAt: delivery.replayedAt,
  replayedBy: delivery.replayedBy,
});

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
