import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, IdempotencyKeyReusedError } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { StepAlreadyReflectedError, type ReflectionRecorded } from '@stepwise/journeys-domain';
import { runInTenant, type Clock } from '@stepwise/kernel';
import { AnswererNotOnTeamError, answerChoice, type AnswerLinkClaims } from '@stepwise/nudges-domain';
import type { JourneyCommandResult } from '../commands/journey-command.result';
import { RecordReflectionCommand } from '../commands/record-reflection.command';
import { ANSWER_LINK_USES, ANSWER_LINK_VERIFIER, type AnswerChannel, type AnswerLinkUse, type AnswerLinkUses, type AnswerLinkVerifier } from './answer-link.ports';
import { AnswerReflectionNudgeCommand, type AnswerReflectionNudgeResult } from './answer-reflection-nudge.command';
import { answerLinkContext, checkAnswerLink, isMembershipRefusal, notAnsweredYet, usedLinkError } from './open-answer-link';

const recordedReflection = (result: JourneyCommandResult): ReflectionRecorded => {
  const event = result.events.find((candidate): candidate is ReflectionRecorded => candidate.type === 'ReflectionRecorded');
  if (!event) throw new Error(`RecordReflection on ${result.streamId} answered without a ReflectionRecorded event`);
  return event;
};

/**
 * Records the reflection a link answers through the RecordReflection command, as the link's member,
 * under a command id derived from the link's nonce: the event log itself refuses a second reflection
 * from one link, however the taps race. The used nonce is recorded after the reflection, and again
 * (idempotently) whenever a replay finds the reflection already written, so a crash between the two
 * leaves a link that is still refused and whose use is recorded at its next tap.
 */
@CommandHandler(AnswerReflectionNudgeCommand)
export class AnswerReflectionNudgeHandler implements ICommandHandler<AnswerReflectionNudgeCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ANSWER_LINK_VERIFIER) private readonly verifier: AnswerLinkVerifier,
    @Inject(ANSWER_LINK_USES) private readonly uses: AnswerLinkUses,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ token, answer, channel, correlationId, tapper }: AnswerReflectionNudgeCommand): Promise<AnswerReflectionNudgeResult> {
    const ports = { store: this.store, clock: this.clock, verifier: this.verifier, uses: this.uses };
    // A link whose reflection is recorded goes on to the command all the same: the same answer
    // replays it (and its use is recorded), another is refused there as the link's answer reused.
    const { claims } = await checkAnswerLink(ports, token, correlationId, tapper);
    const choice = answerChoice(answer.closer, answer.comfort);
    const context = answerLinkContext(claims, correlationId);
    const command = new RecordReflectionCommand({ journeyId: claims.journeyId, closer: choice.closer, comfort: choice.comfort, note: null, stepId: claims.stepId }, context, notAnsweredYet(claims));
    let outcome: JourneyCommandResult;
    try {
      outcome = await runInTenant({ tenantId: claims.tenantId, actorId: claims.memberId, correlationId }, () => this.commandBus.execute(command));
    } catch (error) {
      // The same link answered differently a moment ago (its first answer stands).
      if (error instanceof IdempotencyKeyReusedError) throw usedLinkError(await this.uses.find(claims.tenantId, claims.nonce));
      // The member reflected on the step in Stepwise itself a moment ago: that answer stands.
      if (error instanceof StepAlreadyReflectedError) throw usedLinkError(undefined);
      // Removed from the team or the organisation since the checks above.
      if (isMembershipRefusal(error)) throw new AnswererNotOnTeamError();
      throw error;
    }
    const use = this.useOf(claims, recordedReflection(outcome), channel);
    await this.uses.record(use);
    if (outcome.replayed) throw usedLinkError((await this.uses.find(claims.tenantId, claims.nonce)) ?? use);
    return { claims, reflectionId: use.reflectionId, answer: choice, outcome };
  }

  private useOf(claims: AnswerLinkClaims, { data }: ReflectionRecorded, channel: AnswerChannel): AnswerLinkUse {
    return {
      tenantId: claims.tenantId,
      nonce: claims.nonce,
      nudgeId: claims.nudgeId,
      memberId: claims.memberId,
      journeyId: claims.journeyId,
      reflectionId: data.reflectionId,
      closer: data.closer,
      comfort: data.comfort,
      channel,
      answeredAt: this.clock.now(),
    };
  }
}
