import { defineProjection, SKIP } from '@stepwise/projections';
import { nudgePreferencesEventSchemaVersions, type NudgePreferencesEvent } from '@stepwise/nudges-domain';

/** An organisation's nudge settings, whole, as the last NudgeSettingsChanged carried them. */
export const nudgeSettingsProjection = defineProjection<NudgePreferencesEvent>({
  name: 'nudge-settings',
  tables: ['nudge_settings'],
  events: nudgePreferencesEventSchemaVersions,
  handlers: {
    async NudgeSettingsChanged(tx, event, recorded) {
      await tx.query(
        `INSERT INTO nudge_settings (tenant_id, rules, updated_by, updated_at) VALUES ($1, $2::jsonb, $3, $4)
         ON CONFLICT (tenant_id) DO UPDATE SET rules = EXCLUDED.rules, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [recorded.tenantId, JSON.stringify(event.data.rules), event.data.changedBy, event.data.at],
      );
    },
    NotificationPreferencesChanged: SKIP,
  },
});
