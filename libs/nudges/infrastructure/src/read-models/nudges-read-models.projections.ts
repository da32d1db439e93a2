import type { Projection } from '@stepwise/projections';
import { notificationPreferencesProjection } from './notification-preferences.projection';
import { nudgeSettingsProjection } from './nudge-settings.projection';
import { webhookEndpointsProjection } from './webhook-endpoints.projection';

/** The nudge context's settings read models, applied by the worker's read-model runner. */
export const nudgesReadModelProjections: readonly Projection[] = [nudgeSettingsProjection, notificationPreferencesProjection, webhookEndpointsProjection];
