/**
 * The test message, sent through the same senders delivery uses, built from the same outbound
 * settings (`outboundChannelSenders`): private, loopback and link-local addresses are refused unless
 * the deployment allows them (local development, tests with a local receiver).
 */
import { randomUUID } from 'node:crypto';
import { emailAddressProblem, type DeliveryOutcome, type NudgeMessage, type SlackSender, type TeamsSender, type WebhookSender } from '@stepwise/integrations';
import type { IntegrationTestMessageSender, TestMessageContext, TestMessageDestination, TestMessageOutcome } from '@stepwise/nudges-application/read';
import { outboundChannelSenders, outboundEmailSender, plainHttpAllowed, type OutboundChannelSettings } from './outbound-channel.senders';
import { UNSUBSCRIBE_PATH } from './unsubscribe-link.signer';

export interface ChannelTestMessageSenderOptions extends OutboundChannelSettings {
  /**
   * The api as people reach it (STEPWISE_PUBLIC_URL): every email nudge carries a one-click
   * unsubscribe link under it, so a test email is refused where those links would be, as the nudges are.
   */
  readonly publicUrl?: string;
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
  reason: outcome.kind === 'delivered' ? null : (outcome.reason ?? null),
});

export class ChannelTestMessageSender implements IntegrationTestMessageSender {
  private readonly slack: SlackSender;
  private readonly teams: TeamsSender;
  private readonly webhook: WebhookSender;
  readonly hasDefaultSmtp: boolean;

  constructor(private readonly options: ChannelTestMessageSenderOptions) {
    this.hasDefaultSmtp = Boolean(options.defaultSmtp);
    ({ slack: this.slack, teams: this.teams, webhook: this.webhook } = outboundChannelSenders(options));
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
        const refused = this.unsubscribeLinkProblem(destination.to);
        if (refused) return { kind: 'PERMANENT', statusCode: null, detail: refused, reason: 'HTTPS_REQUIRED' };
        // One transport for this one message, closed straight after: test sends are rare.
        const email = outboundEmailSender(this.options);
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

  /** What email nudges to `to` would be refused for by their unsubscribe link (its base, STEPWISE_PUBLIC_URL), or null. */
  private unsubscribeLinkProblem(to: string): string | null {
    const { publicUrl } = this.options;
    if (publicUrl === undefined) return null;
    const url = `${publicUrl.replace(/\/+$/, '')}/${UNSUBSCRIBE_PATH}/`;
    const problem = emailAddressProblem({ to, unsubscribe: { url } }, { allowPlainHttp: plainHttpAllowed(this.options) });
    return problem === null || !problem.startsWith('the unsubscribe URL')
      ? null
      : `${problem}: email nudges carry a one-click unsubscribe link under STEPWISE_PUBLIC_URL (${publicUrl}) and are refused until it is https (or STEPWISE_WEBHOOKS_ALLOW_HTTP allows plain http, local development only)`;
  }
}
