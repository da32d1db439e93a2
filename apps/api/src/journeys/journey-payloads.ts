import { Inject, Injectable } from '@nestjs/common';
import type { JourneyCommandResult } from '@stepwise/journeys-application';
import { JOURNEYS_READ_MODEL, type JourneysReadModel } from '@stepwise/journeys-application/read';
import type { Caller } from '../auth/caller';
import type { SentCommand } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { readAfterWrite } from '../graphql/read-after-write';
import { JourneyViewerResolver } from './journey-viewer';
import { toJourneyModel } from './journeys.mappers';
import type { JourneyPayload } from './journeys.models';

/** A journey mutation's answer: the journey as the read models now show it to the caller. */
@Injectable()
export class JourneyPayloads {
  constructor(
    private readonly viewers: JourneyViewerResolver,
    @Inject(JOURNEYS_READ_MODEL) private readonly journeys: JourneysReadModel,
  ) {}

  of(caller: Caller, sent: SentCommand<JourneyCommandResult>): JourneyPayload {
    const journey = readAfterWrite(async () => {
      const seen = await this.journeys.journeyAsSeenBy(caller.organisationId, sent.journeyId, caller.memberId);
      return seen ? toJourneyModel(seen.journey, this.viewers.withRole(caller, seen)) : null;
    });
    return { journeyId: sent.journeyId, createdId: sent.createdId, journey, outcome: toOutcome(sent) };
  }
}
