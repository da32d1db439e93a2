/**
 * Sends one fixed test message to a configured destination through the real channel sender (the
 * same one delivery uses, with the same outbound HTTP rules) and reports what the receiver answered.
 * Implemented in infrastructure with the senders of @stepwise/integrations.
 */
import type { OrganisationSmtp, TeamSlackChannel } from './channel-settings-directory.port';

export type TestMessageChannel = 'SLACK' | 'TEAMS' | 'EMAIL' | 'WEBHOOK';

export type TestMessageDestination =
  | { readonly channel: 'SLACK'; readonly slack: TeamSlackChannel; /** The member's Slack user id, for a bot token. */ readonly userId: string | null }
  | { readonly channel: 'TEAMS'; readonly url: string }
  /** `smtp` null: the deployment's default SMTP server, where it has one. */
  | { readonly channel: 'EMAIL'; readonly to: string; readonly smtp: OrganisationSmtp | null }
  | { readonly channel: 'WEBHOOK'; readonly endpointId: string; readonly url: string; readonly secrets: readonly string[] };

export interface TestMessageOutcome {
  readonly kind: 'DELIVERED' | 'RETRYABLE' | 'PERMANENT';
  /** The receiver's HTTP status or SMTP reply code, where there was one. */
  readonly statusCode: number | null;
  readonly detail: string | null;
  /**
   * Why no answer came back, when none did: the outbound client's code (PRIVATE_ADDRESS,
   * UNRESOLVABLE_HOST, TIMEOUT, CONNECTION_FAILED…); null when delivered or when the receiver answered.
   */
  readonly reason: string | null;
}

export interface TestMessageContext {
  readonly tenantId: string;
  /** Who the message is for (the member asked about, or the admin sending it). */
  readonly recipientId: string;
  readonly at: Date;
}

export interface IntegrationTestMessageSender {
  /** Whether the deployment has a default SMTP server (STEPWISE_SMTP_URL) for organisations that set none. */
  readonly hasDefaultSmtp: boolean;
  send(destination: TestMessageDestination, context: TestMessageContext): Promise<TestMessageOutcome>;
}

export const INTEGRATION_TEST_MESSAGE_SENDER = Symbol('stepwise.integration-test-message-sender');

/** A webhook endpoint to test, with its signing secrets unsealed; undefined when the tenant has no such endpoint. */
export interface IntegrationTestWebhookTargets {
  webhookTarget(tenantId: string, endpointId: string): Promise<{ readonly url: string; readonly secrets: readonly string[] } | undefined>;
}

export const INTEGRATION_TEST_WEBHOOK_TARGETS = Symbol('stepwise.integration-test-webhook-targets');
