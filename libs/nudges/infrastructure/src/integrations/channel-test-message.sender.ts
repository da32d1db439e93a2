/**
 * The test message, sent through the same senders delivery uses. Outbound HTTP goes through the
 * address-filtering client: private, loopback and link-local addresses are refused unless the
 * deployment allows them (local development, tests with a local receiver).
 */
import { randomUUID } from 'node:crypto';
import {
  EmailSender,
  filteringFetch,
  SlackSender,
  TeamsSender,
  WebhookSender,
  type DeliveryOutcome,
  type NudgeMessage,
  type TestReceiverExemption,
} from '@stepwise/integrations';
import type { IntegrationTestMessageSender, TestMessageContext, TestMessageDestination, TestMessageOutcome } from '@stepwise/nudges-application/read';

export interface ChannelTestMessageSenderOptions {
  /** Reach private and loopback addresses, and accept plain-http URLs (local development only). */
  readonly allowPrivateAddresses: boolean;
  /** The Slack Web API base (a local receiver in tests); Slack's own unless given. */
  readonly slackApiUrl?: string;
  /** Test-only: loopback receivers reached although private addresses are refused. */
  readonly exemptTestReceivers?: readonly TestReceiverExemption[];
}

export const TEST_MESSAGE_RULE = 'TEST';
export const TEST_MESSAGE_TITLE = 'Stepwise test message';
export const TEST_MESSAGE_TEXT = 'This is a test message from Stepwise: nudges can reach you here.';
export const TEST_WEBHOOK_TYPE = 'test';

const testMessage = (context: TestMessageContext): NudgeMessage => ({
  nudgeId: `test-${randomUUID()}`,
  organisationId: context.tenantId,
  rule: TEST_MESSAGE_RULE,
  recipientId: context.recipientId,
  title: TEST_MESSAGE_TITLE,
  text: TEST_MESSAGE_TEXT,
  lines: [TEST_MESSAGE_TEXT],
  actions: [],
  facts: {},
});

const toOutcome = (outcome: DeliveryOutcome): TestMessageOutcome => ({
  kind: outcome.kind === 'delivered' ? 'DELIVERED' : outcome.kind === 'retryable' ? 'RETRYABLE' : 'PERMANENT',
  statusCode: outcome.statusCode,
  detail: outcome.detail,
});

export class ChannelTestMessageSender implements IntegrationTestMessageSender {
  private readonly slack: SlackSender;
  private readonly teams: TeamsSender;
  private readonly webhook: WebhookSender;

  constructor(private readonly options: ChannelTestMessageSenderOptions) {
    const http = { allowPrivateAddresses: options.allowPrivateAddresses, ...(options.exemptTestReceivers && { exemptTestReceivers: options.exemptTestReceivers }) };
    const fetch = filteringFetch(http);
    this.slack = new SlackSender({ fetch, allowPlainHttp: options.allowPrivateAddresses });
    this.teams = new TeamsSender({ fetch, allowPlainHttp: options.allowPrivateAddresses });
    this.webhook = new WebhookSender({ http });
  }

  async send(destination: TestMessageDestination, context: TestMessageContext): Promise<TestMessageOutcome> {
    const message = testMessage(context);
    const attempt = { deliveryId: message.nudgeId, attemptNumber: 1, at: context.at };
    switch (destination.channel) {
      case 'SLACK': {
        const { slack, userId } = destination;
        const address =
          slack.kind === 'bot'
            ? { kind: 'bot' as const, token: slack.token, userId: userId ?? '', ...(this.options.slackApiUrl && { apiUrl: this.options.slackApiUrl }) }
            : { kind: 'incoming-webhook' as const, url: slack.url };
        return toOutcome(await this.slack.send(message, address, attempt));
      }
      case 'TEAMS':
        return toOutcome(await this.teams.send(message, { url: destination.url }, attempt));
      case 'EMAIL': {
        // One transport for this one message, closed straight after: test sends are rare.
        const email = new EmailSender();
        try {
          return toOutcome(await email.send(message, { to: destination.to, ...(destination.smtp && { smtp: destination.smtp }) }, attempt));
        } finally {
          await email.close();
        }
      }
      case 'WEBHOOK': {
        const payload = { type: TEST_WEBHOOK_TYPE, timestamp: context.at.toISOString(), data: { title: message.title, text: message.text, organisationId: context.tenantId } };
        return toOutcome(await this.webhook.send(payload, { endpointId: destination.endpointId, url: destination.url, secrets: destination.secrets }, attempt));
      }
    }
  }
}
