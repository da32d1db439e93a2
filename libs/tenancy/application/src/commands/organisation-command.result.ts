import type { CommandResult } from '@stepwise/command-handling';
import type { OrganisationEvent } from '@stepwise/tenancy-domain';

/** What every organisation command answers: the stream's outcome and the member it was about. */
export interface OrganisationCommandResult extends CommandResult<OrganisationEvent> {
  readonly memberId: string;
}
