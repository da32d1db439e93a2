/**
 * What the delivery path needs from the rest of Stepwise, as narrow ports its processors take in
 * their constructors: who a member is and how to reach them, whether a nudge still matters, which
 * webhook endpoints want what, and one sender per channel. Each has one production adapter; tests
 * give their own.
 */
import type { ChannelSender, NudgeMessage, WebhookPayload, WebhookTarget } from '@stepwise/integrations';
import type { ChannelPreference, NudgeRule, OwedNudge, Relevance } from '@stepwise/nudges-domain';

export { NUDGE_WEBHOOK_TYPE, type WebhookPayload, type WebhookTarget } from '@stepwise/integrations';

export interface QuietHours {
  /** Local HH:MM. */
  readonly start: string;
  readonly end: string;
}

/** A member as delivery sees them at the moment of delivery. */
export interface MemberReach {
  readonly active: boolean;
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

/** Turns an endpoint off when its receiver said it is gone for good (HTTP 410). */
export interface WebhookEndpointDisabler {
  disable(tenantId: string, endpointId: string, reason: string): Promise<void>;
}

export type WebhookChannelSender = ChannelSender<WebhookPayload, WebhookTarget>;

/** Senders for the member channels other than in-app (which needs none), keyed by channel; an absent one is unreachable. */
export type MemberChannelSenders = Partial<Record<'EMAIL' | 'SLACK' | 'TEAMS', ChannelSender<NudgeMessage, string>>>;
