import type { CommandResult } from '@stepwise/command-handling';
import type { TeamEvent } from '@stepwise/tenancy-domain';

/** What every team command answers: the stream's outcome and the team. */
export interface TeamCommandResult extends CommandResult<TeamEvent> {
  readonly teamId: string;
}
