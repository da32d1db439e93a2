import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DismissNudgeCommand } from '@stepwise/nudges-application';
import type { MemberNudgeView, NudgeHistoryReadModel } from '@stepwise/nudges-infrastructure';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { PageArgs, toConnection, toPageRequest, type ConnectionShape } from '../graphql/connection';
import { toInPlaceOutcome } from '../graphql/mutation-outcome';
import { NUDGE_HISTORY } from './my-nudges.tokens';
import type { NudgeRuleEnum } from './nudges.enums';
import { DismissNudgeInput, DismissNudgePayload, NudgeConnection, NudgeModel, NudgeStateEnum } from './my-nudges.models';

const toNudgeModel = (nudge: MemberNudgeView): NudgeModel => ({
  id: nudge.nudgeId,
  rule: nudge.rule as NudgeRuleEnum,
  title: nudge.title,
  text: nudge.text,
  state: nudge.state,
  suppressedReason: nudge.suppressedReason,
  channel: nudge.channel,
  journeyId: nudge.journeyId,
  teamId: nudge.teamId,
  dueAt: nudge.dueAt,
  deliveredAt: nudge.deliveredAt,
  dismissedAt: nudge.dismissedAt,
  createdAt: nudge.createdAt,
});

/** Your nudges: every one owed to you, whatever became of it, and dismissing one. */
@Resolver()
export class MyNudgesResolver {
  constructor(
    @Inject(NUDGE_HISTORY) private readonly history: NudgeHistoryReadModel,
    private readonly commands: CommandSender,
  ) {}

  @Query(() => NudgeConnection, {
    description:
      'Your nudges, newest owed first (by `createdAt`, then id), in every state (or one): the in-app channel and your nudge history. ' +
      'The order is on what a nudge keeps, not its `dueAt`, which moves when a nudge is held for your quiet hours, so paging on ' +
      'while nudges are deferred, delivered or dismissed neither skips nor repeats one. A cursor from before this order fails with VALIDATION_FAILED: start again without `after`.',
  })
  async myNudges(
    @CurrentCaller() caller: Caller,
    @Args() page: PageArgs,
    @Args('state', { type: () => NudgeStateEnum, nullable: true, description: 'Only nudges in this state; omit for all.' }) state?: keyof typeof NudgeStateEnum | null,
  ): Promise<ConnectionShape<NudgeModel>> {
    const request = toPageRequest(page);
    return toConnection(await this.history.myNudges(caller, request, state ?? undefined), request, toNudgeModel);
  }

  @Mutation(() => DismissNudgePayload, { nullable: true, description: 'Dismisses one of your nudges; one not yet delivered will not be, unless it is being sent at that moment (a send cannot be called back): then it arrives, and shows `deliveredAt` and `channel` beside its dismissal. Dismissing it again changes nothing.' })
  async dismissNudge(@CurrentCaller() caller: Caller, @Args('input', { description: 'The nudge.' }) input: DismissNudgeInput): Promise<DismissNudgePayload> {
    const sent = await this.commands.sendInPlace(new DismissNudgeCommand<MemberNudgeView>({ nudgeId: input.nudgeId }, this.commands.context(caller, input.clientMutationId)));
    return { nudge: toNudgeModel(sent.view), outcome: toInPlaceOutcome(sent) };
  }
}
