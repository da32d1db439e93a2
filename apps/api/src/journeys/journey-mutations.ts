import { Inject, Injectable } from '@nestjs/common';
import type { Unstamped } from '@stepwise/command-handling';
import { JOURNEYS_READ_MODEL, RunJourneyCommand, type JourneysReadModel } from '@stepwise/journeys-application';
import type { JourneyCommand } from '@stepwise/journeys-domain';
import type { Caller } from '../auth/caller';
import { CommandSender } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { JourneyViewerResolver } from './journey-viewer';
import { toJourneyModel } from './journeys.mappers';
import type { JourneyPayload } from './journeys.models';

type CommandBuilder = (ids: { readonly newId: (purpose: string) => string }) => Unstamped<JourneyCommand>;

/** Runs a journey command for a resolver and answers with the journey as the read models now show it. */
@Injectable()
export class JourneyMutations {
  constructor(
    private readonly commands: CommandSender,
    private readonly viewers: JourneyViewerResolver,
    @Inject(JOURNEYS_READ_MODEL) private readonly journeys: JourneysReadModel,
  ) {}

  /**
   * `createdKey` names the data field holding the id of what the command creates (stepId…); it is
   * read back from the events written, so a replayed mutation reports the original id.
   */
  async run(caller: Caller, clientMutationId: string | null | undefined, build: CommandBuilder, createdKey?: string): Promise<JourneyPayload> {
    const context = this.commands.context(caller, clientMutationId);
    const command = build({ newId: (purpose) => this.commands.idFor(context, purpose) });
    const sent = await this.commands.send(new RunJourneyCommand(command, context));
    const created = createdKey ? sent.events.map((event) => (event.data as unknown as Record<string, unknown>)[createdKey]).find((id) => typeof id === 'string') : undefined;
    const journeyId = command.data.journeyId;
    const seen = await this.journeys.journeyAsSeenBy(caller.organisationId, journeyId, caller.memberId);
    const journey = seen ? toJourneyModel(seen.journey, this.viewers.withRole(caller, seen.viewerTeamRole)) : null;
    return { journeyId, createdId: (created as string | undefined) ?? null, journey, outcome: toOutcome(sent) };
  }
}
