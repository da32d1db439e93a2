import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { KeepCommitmentCommand, MakeCommitmentCommand, MissCommitmentCommand, OfferSupportCommand, RequestSupportCommand } from '@stepwise/journeys-application';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { JourneyPayloads } from './journey-payloads';
import { CommitmentInput, MakeCommitmentInput, OfferSupportInput, RequestSupportInput } from './journeys.inputs';
import { JourneyPayload } from './journeys.models';

/** Support through the uncomfortable transition, and accountability for moving forward. */
@Resolver()
export class JourneySupportResolver {
  constructor(
    private readonly commands: CommandSender,
    private readonly payloads: JourneyPayloads,
  ) {}

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Asks the team’s leaders for support; `createdId` is the request’s id. Members of the team.' })
  async requestSupport(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey and what would help.' }) input: RequestSupportInput): Promise<JourneyPayload> {
    const command = new RequestSupportCommand({ journeyId: input.journeyId, need: input.need }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Answers a support request. The team’s leaders only (LEADER_REQUIRED), and not the one who asked (OWN_SUPPORT_REQUEST).' })
  async offerSupport(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey, the request and the message.' }) input: OfferSupportInput): Promise<JourneyPayload> {
    const command = new OfferSupportCommand(
      { journeyId: input.journeyId, requestId: input.requestId, message: input.message },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Commits a member to something by a date; `createdId` is the commitment’s id. Members commit themselves; leaders may commit others.' })
  async makeCommitment(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey, what is committed to, by when, and by whom.' }) input: MakeCommitmentInput): Promise<JourneyPayload> {
    const command = new MakeCommitmentCommand(
      { journeyId: input.journeyId, description: input.description, dueOn: input.dueOn, memberId: input.memberId ?? undefined },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Marks an open commitment kept, also after its journey was completed or abandoned. The committed member or a leader.' })
  async keepCommitment(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey and the commitment.' }) input: CommitmentInput): Promise<JourneyPayload> {
    const command = new KeepCommitmentCommand({ journeyId: input.journeyId, commitmentId: input.commitmentId }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { nullable: true, description: 'Marks an open commitment missed, also after its journey was completed or abandoned. The team’s leaders only (LEADER_REQUIRED).' })
  async missCommitment(@CurrentCaller() caller: Caller, @Args('input', { description: 'The journey and the commitment.' }) input: CommitmentInput): Promise<JourneyPayload> {
    const command = new MissCommitmentCommand({ journeyId: input.journeyId, commitmentId: input.commitmentId }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }
}
