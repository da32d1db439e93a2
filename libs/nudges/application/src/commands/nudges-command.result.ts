import type { CommandResult } from '@stepwise/command-handling';
import type { NudgePreferencesEvent, WebhookEndpointEvent } from '@stepwise/nudges-domain';

/** What updateNudgeSettings and updateNotificationPreferences answer. */
export type NudgePreferencesCommandResult = CommandResult<NudgePreferencesEvent>;

/** What every webhook endpoint command answers: the stream's outcome and the endpoint it was about. */
export interface WebhookEndpointCommandResult extends CommandResult<WebhookEndpointEvent> {
  readonly endpointId: string;
  /**
   * A signing secret Stepwise generated for this command, in plaintext: answered to this command
   * (and to an identical retry of it) only, never by any query. Null when the admin supplied it, or
   * the command set none.
   */
  readonly signingSecret: string | null;
}
