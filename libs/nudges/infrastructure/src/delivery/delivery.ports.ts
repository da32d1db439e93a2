/**
 * What the delivery path needs from the rest of Stepwise, as narrow ports its processors take in
 * their constructors: who a member is and how to reach them, whether a nudge still matters, which
 * webhook endpoints want what, and one sender per channel. Each has one production adapter; tests
 * give their own.
 */
import type { ChannelSender, DeliveryAttempt, DeliveryOutcome, NudgeMessage, WebhookPayload, WebhookTarget } from '@stepwise/integrations';
import type { ChannelPreference, NudgeRule, OwedNudge, Relevance } from '@stepwise/nudges-domain';
import type { SendLane } from './send-lanes';

export { NUDGE_WEBHOOK_TYPE, type WebhookPayload, type WebhookTarget } from '@stepwise/integrations';

export interface QuietHours {
  /** Local HH:MM. */
  readonly start: string;
  readonly end: string;
}

/** A member as delivery sees them at the moment of delivery. */
export interface MemberReach {
  readonly active: boolean;
  /** The name they go by, where it is known: a personal nudge posted in a team's channel says whom it is for. */
  readonly displayName: string | null;
  readonly email: string | null;
  /** IANA timezone name: the member's local day is what the daily cap counts. */
  readonly timezone: string;
  readonly quietHours: QuietHours | null;
  /** In order of preference; the first reachable one wins, in-app when none is. */
  readonly channels: readonly ChannelPreference[];
  readonly optedOut: readonly NudgeRule[];
  readonly dailyCap: number;
}

export interface MemberReachability {
  /** Undefined when the organisation holds no such member. */
  reachabilityOf(tenantId: string, memberId: string): Promise<MemberReach | undefined>;
}

/** The policy's own re-check at delivery time: is the nudge still worth sending now? (A suppression names its reason and the fact behind it.) */
export interface NudgeRelevance {
  check(nudge: OwedNudge, now: Date): Promise<Relevance>;
}

export interface WebhookEndpointDirectory {
  /** The tenant's enabled endpoints subscribed to `type` (a domain event type, or `nudge`). */
  subscribedEndpoints(tenantId: string, type: string): Promise<readonly WebhookTarget[]>;
}

/** What the receiver answered that made delivery turn its endpoint off, and on which delivery. */
export interface GoneAnswer {
  readonly statusCode: number | null;
  readonly deliveryId: string;
  readonly attemptNumber: number;
}

/** Turns an endpoint off when its receiver said it is gone for good (HTTP 410), and says which are off. */
export interface WebhookEndpointDisabler {
  disable(tenantId: string, endpointId: string, reason: string, answer: GoneAnswer): Promise<void>;
  /**
   * How an endpoint the directory does not list stands for `type`, read from its own stream (where
   * an admin's change counts at once; the directory follows a moment later): DISABLED (by a 410 or
   * an admin) and still subscribed, what it was owed is kept as a dead letter to replay once it is
   * enabled; RECEIVING (enabled, or subscribed, a moment ago), it is tried again shortly;
   * NOT_RECEIVING (removed, unsubscribed, or never there), what it was owed is suppressed.
   */
  standing(tenantId: string, endpointId: string, type: string): Promise<EndpointStanding>;
}

export type EndpointStanding = 'DISABLED' | 'RECEIVING' | 'NOT_RECEIVING';

export type WebhookChannelSender = ChannelSender<WebhookPayload, WebhookTarget>;

/** The member channels that need a sender (in-app needs none). */
export type MemberSendChannel = 'EMAIL' | 'SLACK' | 'TEAMS';

/** A member's nudge about to go out on one of their preferred channels. */
export interface MemberSendTarget {
  readonly tenantId: string;
  readonly memberId: string;
  /** The owed nudge: its rule, and its team (`subject.teamId`), whose Slack or Teams it goes through. */
  readonly nudge: OwedNudge;
  readonly member: MemberReach;
  /** The member's address on this channel from their preferences (a Slack user id, an email address); null where they gave none. */
  readonly address: string | null;
}

/**
 * Told each signed link's token a message carries (answer links, an email's unsubscribe link), as it
 * is composed and before it goes out: the processor takes them out of what the receiver answers
 * before the attempt is recorded, and out of a sender's fault before it is logged (a receiver may
 * echo what it was sent, and admins read attempts).
 */
export type LinkTokenSink = (token: string) => void;

/** A channel that can take the nudge now: where it goes (for the record) and one attempt at sending it there. */
export interface MemberRoute {
  /** Where, in words safe to record: `Slack user U0123ABCD`, `ada@example.com`. Never a secret. */
  readonly address: string;
  /** Where sends share a limit (one SMTP server's connections), the lane they wait their turn in. */
  readonly lane?: SendLane;
  /**
   * A channel the whole team reads (a Slack incoming webhook's channel, a Teams channel) rather than
   * the member's own: a team's nudge owed to several of its members is posted there once.
   */
  readonly shared?: boolean;
  send(message: NudgeMessage, attempt: DeliveryAttempt, carries: LinkTokenSink): Promise<DeliveryOutcome>;
}

/** Why a channel cannot take the nudge now (the team or organisation configured none, the member gave no address): the next preferred channel is tried. */
export interface MemberRouteUnavailable {
  readonly unavailable: string;
}

/**
 * One member channel: finds where a nudge would go on it, from the team's and organisation's
 * integrations and the member's address, at the moment of sending (settings change; secrets are
 * unsealed only then).
 */
export interface MemberChannelSender {
  route(target: MemberSendTarget): Promise<MemberRoute | MemberRouteUnavailable>;
}

/** Senders for the member channels other than in-app, keyed by channel; an absent one is never used. */
export type MemberChannelSenders = Partial<Record<MemberSendChannel, MemberChannelSender>>;
