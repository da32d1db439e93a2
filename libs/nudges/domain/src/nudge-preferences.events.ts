/**
 * The nudge context's own settings events. An organisation's nudge settings live on stream
 * `nudge-settings-<organisationId>`; a member's notification preferences on
 * `notification-preferences-<memberId>`. Both carry the whole value after the change.
 */
import { eventTypesOf, isEventTypeOf, type EventSchemaVersions } from '@stepwise/kernel';
import type { ChannelPreference } from './notification-preferences';
import type { NudgeRule, NudgeSettings } from './nudge-rules';

export const nudgeSettingsStreamId = (organisationId: string): string => `nudge-settings-${organisationId}`;
export const notificationPreferencesStreamId = (memberId: string): string => `notification-preferences-${memberId}`;

type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data };

export type NudgeSettingsChanged = Event<'NudgeSettingsChanged', { organisationId: string; rules: NudgeSettings; changedBy: string; at: string }>;

export type NotificationPreferencesChanged = Event<
  'NotificationPreferencesChanged',
  {
    organisationId: string;
    memberId: string;
    channels: ChannelPreference[];
    optedOut: NudgeRule[];
    dailyCap: number;
    changedBy: string;
    at: string;
  }
>;

export type NudgePreferencesEvent = NudgeSettingsChanged | NotificationPreferencesChanged;

export const nudgePreferencesEventSchemaVersions: EventSchemaVersions<NudgePreferencesEvent> = {
  NudgeSettingsChanged: 1,
  NotificationPreferencesChanged: 1,
};

export const nudgePreferencesEventTypes = eventTypesOf(nudgePreferencesEventSchemaVersions);
export const isNudgePreferencesEvent = (event: { type: string }): event is NudgePreferencesEvent =>
  isEventTypeOf(nudgePreferencesEventSchemaVersions, event.type);
