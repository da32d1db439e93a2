import type { CommandResult } from '@stepwise/command-handling';
import type { JourneyEvent } from '@stepwise/journeys-domain';

/** What every journey command answers: the stream's outcome, the journey, and the id of anything it created. */
export interface JourneyCommandResult extends CommandResult<JourneyEvent> {
  readonly journeyId: string;
  /** The step, reflection, pivot… the command created (derived from the command id, so a retry names the same one). */
  readonly createdId: string | null;
}
