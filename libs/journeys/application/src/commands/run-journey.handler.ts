import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE, handleCommand, loadState, type CommandContext, type CommandResult } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { JourneyNotFoundError, journeyDecider, journeyStreamId, type JourneyActor, type JourneyCommand, type JourneyEvent, type JourneyState } from '@stepwise/journeys-domain';
import type { Clock } from '@stepwise/kernel';
import {
  ForbiddenError,
  isWritable,
  memberById,
  organisationDecider,
  organisationStreamId,
  teamDecider,
  TeamMemberNotFoundError,
  TeamNotFoundError,
  teamRoleOf,
  teamStreamId,
} from '@stepwise/tenancy-domain';
import { RunJourneyCommand } from './run-journey.command';

/**
 * Load the journey stream, decide, append. The journey cannot see its team, so the actor (their
 * role on the team, whether the team's subscription takes writes) is read from the team stream on
 * every attempt, the same moment the journey is.
 */
@CommandHandler(RunJourneyCommand)
export class RunJourneyHandler implements ICommandHandler<RunJourneyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ command, context }: RunJourneyCommand): Promise<CommandResult<JourneyEvent>> {
    if (!context.memberId) throw new Error('Journey commands need a member of the organisation');
    return handleCommand({
      store: this.store,
      decider: journeyDecider,
      streamId: journeyStreamId(command.data.journeyId),
      metadata: { tenantId: context.tenantId, commandId: context.commandId, actorId: context.memberId, correlationId: context.correlationId },
      command: async (journey) => {
        const actor = await this.actorFor(journey, command, context);
        return { ...command, metadata: { now: this.clock.now(), actor } } as JourneyCommand;
      },
    });
  }

  private async actorFor(journey: JourneyState, command: RunJourneyCommand['command'], context: CommandContext): Promise<JourneyActor> {
    const memberId = context.memberId as string;
    // The role that counts is the organisation stream's, read now, not the request's (read-model) view
    // of it: a member removed or demoted a moment ago acts with what they have left.
    const { state: organisation } = await loadState(this.store, organisationDecider, context.tenantId, organisationStreamId(context.tenantId));
    const member = organisation.status === 'CREATED' ? memberById(organisation, memberId) : undefined;
    if (!member) throw new ForbiddenError('Only members of the organisation act on its journeys');
    const orgRole = member.orgRole;
    const teamId = journey.status !== 'NOT_STARTED' ? journey.teamId : command.type === 'StartJourney' ? command.data.teamId : undefined;
    // An unknown journey (or another tenant's) is JOURNEY_NOT_FOUND, whatever the actor could do.
    if (!teamId) throw new JourneyNotFoundError(command.data.journeyId);
    const { state: team } = await loadState(this.store, teamDecider, context.tenantId, teamStreamId(teamId));
    if (team.status !== 'CREATED') throw new TeamNotFoundError(teamId);
    // A team's journeys are invisible to members who are neither on it nor ADMINs (as in the read
    // models): they learn nothing from its ids, not even that they exist.
    if (orgRole !== 'ADMIN' && !teamRoleOf(team, memberId)) {
      throw command.type === 'StartJourney' ? new TeamNotFoundError(teamId) : new JourneyNotFoundError(command.data.journeyId);
    }
    // Steps and commitments made for someone else must name a member of the team.
    const target = command.type === 'PlanStep' ? command.data.ownerId : command.type === 'MakeCommitment' ? command.data.memberId : undefined;
    if (target && !teamRoleOf(team, target)) throw new TeamMemberNotFoundError(target);
    return { memberId, orgRole, teamRole: teamRoleOf(team, memberId) ?? null, teamWritable: isWritable(team) };
  }
}
