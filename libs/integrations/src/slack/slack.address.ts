/** Where a Slack nudge goes: a member's direct messages through the organisation's bot, or a team's channel. */
export type SlackAddress = SlackBotAddress | SlackIncomingWebhookAddress;

/** `chat.postMessage` with the bot token, to the member's Slack user id (the bot's direct message with them). */
export interface SlackBotAddress {
  readonly kind: 'bot';
  /** The organisation's bot token (`xoxb-…`). */
  readonly token: string;
  /** The member's Slack user id (`U…` or `W…`). */
  readonly userId: string;
  /** The Web API base; Slack's own unless given (GovSlack, a local receiver in tests). */
  readonly apiUrl?: string;
}

/** A team's incoming webhook (`https://hooks.slack.com/services/…`): posts to the channel it was made for. */
export interface SlackIncomingWebhookAddress {
  readonly kind: 'incoming-webhook';
  readonly url: string;
}
