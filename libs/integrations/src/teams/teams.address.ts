/**
 * A team's Microsoft Teams channel, reached through a Workflows (Power Automate) webhook: the
 * "When a Teams webhook request is received" trigger, posting an Adaptive Card to a channel.
 */
export interface TeamsAddress {
  readonly url: string;
}
