import type { CommandResult } from '@stepwise/command-handling';
import type { ChannelIntegrationEvent } from '@stepwise/nudges-domain';

/** What every Slack, Teams and SMTP integration command answers: the stream's outcome and the team it was about (null: the organisation's SMTP). */
export interface ChannelIntegrationCommandResult extends CommandResult<ChannelIntegrationEvent> {
  readonly teamId: string | null;
}
