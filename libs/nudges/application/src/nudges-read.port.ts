/** What the api reads about nudge settings, notification preferences and webhook endpoints (from read tables). */
import type { Page, PageRequest } from '@stepwise/kernel';
import type { EndpointUrl, NotificationPreferences, NudgeSettings, WebhookDisabledReason } from '@stepwise/nudges-domain';

export interface NudgeSettingsView {
  readonly rules: NudgeSettings;
  /** When an admin last changed them; null while the defaults hold. */
  readonly updatedAt: Date | null;
}

export interface NotificationPreferencesView extends NotificationPreferences {
  readonly memberId: string;
  /** When they last changed; null while the defaults hold. */
  readonly updatedAt: Date | null;
}

/** A webhook endpoint as admins see it: never any secret, sealed or not. */
export interface WebhookEndpointView {
  readonly endpointId: string;
  readonly url: string;
  readonly description: string | null;
  readonly subscriptions: readonly string[];
  readonly status: 'ACTIVE' | 'DISABLED';
  readonly disabledReason: WebhookDisabledReason | null;
  /** The receiver's answer that made delivery disable it (GONE); null otherwise. */
  readonly disabledStatusCode: number | null;
  readonly disabledAt: Date | null;
  /** When the signing secret was last rotated; null when it is the one the endpoint was registered with. */
  readonly secretRotatedAt: Date | null;
  /** Until when the secret the last rotation replaced still verifies; null when no rotation left one. */
  readonly previousSecretExpiresAt: Date | null;
  readonly registeredAt: Date;
  readonly updatedAt: Date;
}

export interface NudgesReadModel {
  /** The organisation's settings, the defaults where an admin never changed them. */
  nudgeSettings(tenantId: string): Promise<NudgeSettingsView>;
  /** The member's preferences, the defaults where they never set any. */
  notificationPreferences(tenantId: string, memberId: string): Promise<NotificationPreferencesView>;
  /** Registered (not removed) endpoints, oldest first. */
  webhookEndpoints(tenantId: string, page: PageRequest): Promise<Page<WebhookEndpointView>>;
  webhookEndpoint(tenantId: string, endpointId: string): Promise<WebhookEndpointView | undefined>;
  /** The endpoints the organisation has registered and not removed, enabled or disabled, with their urls. */
  webhookEndpointUrls(tenantId: string): Promise<readonly EndpointUrl[]>;
}

export const NUDGES_READ_MODEL = Symbol('stepwise.nudges-read-model');
