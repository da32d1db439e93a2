/**
 * One interface for every outbound channel. A sender is stateless: it is given the message, the
 * address and the attempt, makes one attempt, and says what happened. It never retries, sleeps or
 * records; the delivery processor does that with what the outcome says.
 */
import type { OutboundFailureReason, OutboundRefusalReason } from './http/outbound-http.errors';

/**
 * Why no answer came back from the receiver, when none did: the outbound client's code (PRIVATE_ADDRESS,
 * TIMEOUT…). TLS_REQUIRED (email): TLS was required, to send a password, and the SMTP server did not
 * offer STARTTLS; its reply to STARTTLS is the outcome's status code.
 */
/**
 * Why no answer came back, as a code. Besides the outbound client's refusals and failures: TLS_REQUIRED
 * (email: a password and no STARTTLS), and a channel's own checks of its address before sending:
 * HTTPS_REQUIRED (plain http where only https goes out) and RETIRED_OFFICE365_CONNECTOR (Teams).
 */
export type NoAnswerReason = OutboundRefusalReason | OutboundFailureReason | 'TLS_REQUIRED' | 'HTTPS_REQUIRED' | 'RETIRED_OFFICE365_CONNECTOR';

export type ChannelKind = 'IN_APP' | 'WEBHOOK' | 'EMAIL' | 'SLACK' | 'TEAMS';

/** A link a receiver can follow (a one-tap answer, the journey in the app). */
export interface MessageAction {
  readonly label: string;
  readonly url: string;
}

/** A nudge rendered for people: every channel can show `title` and `text`; richer ones add lines and actions. */
export interface NudgeMessage {
  readonly nudgeId: string;
  readonly organisationId: string;
  readonly rule: string;
  readonly recipientId: string;
  readonly title: string;
  /** The whole message as plain text (the fallback every channel can show). */
  readonly text: string;
  readonly lines: readonly string[];
  readonly actions: readonly MessageAction[];
  readonly facts: Readonly<Record<string, string | number | boolean | null>>;
}

/** One attempt of one delivery. `deliveryId` is stable across retries (a webhook's `webhook-id`). */
export interface DeliveryAttempt {
  readonly deliveryId: string;
  /** 1 for the first attempt. */
  readonly attemptNumber: number;
  readonly at: Date;
  /**
   * Aborted shortly before the attempt's lease runs out, after which another worker may attempt the
   * delivery again: a sender whose send could outlast its own deadlines stops there (email, and
   * Slack and Teams, which await a late answer to a request wholly sent until then). The webhook
   * sender's whole-request timeout, shorter than the lease, already ends it.
   */
  readonly signal?: AbortSignal;
}

export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly statusCode: number | null; readonly detail: string | null }
  /** Worth trying again: 408, 429, 5xx, timeouts, connection failures. `retryAfterMs` from `Retry-After` where given. */
  | { readonly kind: 'retryable'; readonly statusCode: number | null; readonly detail: string; readonly retryAfterMs: number | null; readonly reason?: NoAnswerReason }
  /** Trying again cannot help: other 4xx, a bad or refused address. `disableAddress` when the receiver said it is gone (410). */
  | { readonly kind: 'permanent'; readonly statusCode: number | null; readonly detail: string; readonly disableAddress: boolean; readonly reason?: NoAnswerReason };

export interface ChannelSender<Payload, Address> {
  readonly channel: ChannelKind;
  send(payload: Payload, address: Address, attempt: DeliveryAttempt): Promise<DeliveryOutcome>;
}
