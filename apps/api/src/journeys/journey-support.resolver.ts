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

  @Mutation(() => JourneyPayload, { description: 'createdId is the request id.' })
  async requestSupport(@CurrentCaller() caller: Caller, @Args('input') input: RequestSupportInput): Promise<JourneyPayload> {
    const command = new RequestSupportCommand({ journeyId: input.journeyId, need: input.need }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { description: 'Team leaders only.' })
  async offerSupport(@CurrentCaller() caller: Caller, @Args('input') input: OfferSupportInput): Promise<JourneyPayload> {
    const command = new OfferSupportCommand(
      { journeyId: input.journeyId, requestId: input.requestId, message: input.message },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { description: 'createdId is the commitment id.' })
  async makeCommitment(@CurrentCaller() caller: Caller, @Args('input') input: MakeCommitmentInput): Promise<JourneyPayload> {
    const command = new MakeCommitmentCommand(
      { journeyId: input.journeyId, description: input.description, dueOn: input.dueOn, memberId: input.memberId ?? undefined },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { description: 'The committing member or a leader.' })
  async keepCommitment(@CurrentCaller() caller: Caller, @Args('input') input: CommitmentInput): Promise<JourneyPayload> {
    const command = new KeepCommitmentCommand({ journeyId: input.journeyId, commitmentId: input.commitmentId }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }

  @Mutation(() => JourneyPayload, { description: 'Team leaders only.' })
  async missCommitment(@CurrentCaller() caller: Caller, @Args('input') input: CommitmentInput): Promise<JourneyPayload> {
    const command = new MissCommitmentCommand({ journeyId: input.journeyId, commitmentId: input.commitmentId }, this.commands.context(caller, input.clientMutationId));
    return this.payloads.of(caller, await this.commands.send(command));
  }
}
