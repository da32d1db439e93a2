/** What the Slack sender loads at its first send (see slack.sender.ts): the official clients, and the reading of their failures. */
export { LogLevel, WebClient } from '@slack/web-api';
export { IncomingWebhook } from '@slack/webhook';
export { outcomeOfWebApiFailure, outcomeOfWebhookFailure } from './slack-failure.outcome';
