import type { NotificationPreferencesView, NudgeSettingsView, WebhookEndpointView } from '@stepwise/nudges-application/read';
import type { DeliveryView } from '@stepwise/nudges-infrastructure';
import type { DeliveryModel } from './dead-letters.models';
import { NUDGE_RULE_LIMITS, NUDGE_RULES } from '@stepwise/nudges-domain';
import type { NotificationPreferencesModel } from './notification-preferences.models';
import type { NudgeSettingsModel } from './nudge-settings.models';
import type { MemberChannelEnum, NudgeRuleEnum, WebhookDisabledReasonEnum, WebhookEndpointStatusEnum } from './nudges.enums';
import type { WebhookEndpointModel } from './webhook-endpoints.models';

export const toNudgeSettingsModel = (view: NudgeSettingsView): NudgeSettingsModel => ({
  rules: NUDGE_RULES.map((rule) => ({
    rule: rule as NudgeRuleEnum,
    ...view.rules[rule],
    delayMinutesRange: NUDGE_RULE_LIMITS[rule].delayMinutes,
    thresholdRange: NUDGE_RULE_LIMITS[rule].threshold,
  })),
  updatedAt: view.updatedAt,
});

export const toNotificationPreferencesModel = (view: NotificationPreferencesView): NotificationPreferencesModel => ({
  memberId: view.memberId,
  channels: view.channels.map((preference) => ({ channel: preference.channel as MemberChannelEnum, address: preference.address })),
  optedOut: view.optedOut.map((rule) => rule as NudgeRuleEnum),
  dailyCap: view.dailyCap,
  updatedAt: view.updatedAt,
});

export const toWebhookEndpointModel = (view: WebhookEndpointView): WebhookEndpointModel => ({
  id: view.endpointId,
  url: view.url,
  description: view.description,
  subscriptions: [...view.subscriptions],
  status: view.status as WebhookEndpointStatusEnum,
  disabledReason: view.disabledReason as WebhookDisabledReasonEnum | null,
  disabledStatusCode: view.disabledStatusCode,
  disabledAt: view.disabledAt,
  secretRotatedAt: view.secretRotatedAt,
  previousSecretExpiresAt: view.previousSecretExpiresAt,
  createdAt: view.registeredAt,
  updatedAt: view.updatedAt,
});

export const toDeliveryModel = (delivery: DeliveryView): DeliveryModel => ({
  id: delivery.deliveryId,
  kind: delivery.kind,
  state: delivery.state,
  channel: delivery.channel,
  eventType: delivery.eventType,
  // A member's nudge is not named: its id is a hash of the rule, the recipient and the subject, so
  // whoever lists dead letters could tell from it which reflection owed a leader a support nudge
  // (a comfort at or below the threshold), which only the team's leaders may know.
  nudgeId: delivery.kind === 'MEMBER' ? null : delivery.nudgeId,
  recipientId: delivery.kind === 'MEMBER' ? delivery.memberId : null,
  endpointId: delivery.endpointId,
  suppressedReason: delivery.suppressedReason,
  attemptCount: delivery.attempts,
  maxAttempts: delivery.maxAttempts,
  nextAttemptAt: delivery.nextAttemptAt,
  lastOutcome: delivery.lastOutcome,
  lastStatusCode: delivery.lastStatusCode,
  lastDetail: delivery.lastDetail,
  lastAttemptAt: delivery.lastAttemptAt,
  createdAt: delivery.createdAt,
  finishedAt: delivery.finishedAt,
  replays: delivery.replays,
  replayedAt: delivery.replayedAt,
  replayedBy: delivery.replayedBy,
});
