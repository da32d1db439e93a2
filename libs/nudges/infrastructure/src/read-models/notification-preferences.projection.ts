import { defineProjection, SKIP } from '@stepwise/projections';
import { nudgePreferencesEventSchemaVersions, type NudgePreferencesEvent } from '@stepwise/nudges-domain';

/** Each member's notification preferences, whole, as their last NotificationPreferencesChanged carried them. */
export const notificationPreferencesProjection = defineProjection<NudgePreferencesEvent>({
  name: 'notification-preferences',
  tables: ['notification_preferences'],
  events: nudgePreferencesEventSchemaVersions,
  handlers: {
    NudgeSettingsChanged: SKIP,
    async NotificationPreferencesChanged(tx, event, recorded) {
      const { memberId, channels, optedOut, dailyCap, changedBy, at } = event.data;
      await tx.query(
        `INSERT INTO notification_preferences (tenant_id, member_id, channels, opted_out, daily_cap, updated_by, updated_at)
         VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7)
         ON CONFLICT (tenant_id, member_id) DO UPDATE SET channels = EXCLUDED.channels, opted_out = EXCLUDED.opted_out,
           daily_cap = EXCLUDED.daily_cap, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [recorded.tenantId, memberId, JSON.stringify(channels), JSON.stringify(optedOut), dailyCap, changedBy, at],
      );
    },
  },
});
