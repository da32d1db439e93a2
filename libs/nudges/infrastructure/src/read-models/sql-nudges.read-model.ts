import type { TenantReader } from '@stepwise/database';
import { pageSizeOf, toPage, type Page, type PageRequest } from '@stepwise/kernel';
import type { NotificationPreferencesView, NudgeSettingsView, NudgesReadModel, WebhookEndpointView } from '@stepwise/nudges-application/read';
import { DEFAULT_NOTIFICATION_PREFERENCES, DEFAULT_NUDGE_SETTINGS, type EndpointUrl, type NudgeSettings, type WebhookDisabledReason } from '@stepwise/nudges-domain';
import { endpointCursorOf, webhookEndpointsOf } from './webhook-endpoints.page';

interface EndpointRow {
  endpoint_id: string;
  url: string;
  description: string | null;
  subscriptions: string[];
  status: 'ACTIVE' | 'DISABLED';
  disabled_reason: WebhookDisabledReason | null;
  disabled_status_code: number | null;
  disabled_at: Date | null;
  secret_rotated_at: Date | null;
  previous_secret_expires_at: Date | null;
  registered_at: Date;
  updated_at: Date;
}

/** Every column a query may return: the sealed secrets are never selected. */
const ENDPOINT_COLUMNS = `endpoint_id, url, description, subscriptions, status, disabled_reason, disabled_status_code, disabled_at,
  secret_rotated_at, previous_secret_expires_at, registered_at, updated_at`;

const dateOrNull = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

const toEndpoint = (row: EndpointRow): WebhookEndpointView => ({
  endpointId: row.endpoint_id,
  url: row.url,
  description: row.description,
  subscriptions: row.subscriptions,
  status: row.status,
  disabledReason: row.disabled_reason,
  disabledStatusCode: row.disabled_status_code === null ? null : Number(row.disabled_status_code),
  disabledAt: dateOrNull(row.disabled_at),
  secretRotatedAt: dateOrNull(row.secret_rotated_at),
  previousSecretExpiresAt: dateOrNull(row.previous_secret_expires_at),
  registeredAt: new Date(row.registered_at),
  updatedAt: new Date(row.updated_at),
});

/** Nudge settings, preferences and webhook endpoints over the read tables; every query runs as the tenant (RLS). */
export class SqlNudgesReadModel implements NudgesReadModel {
  constructor(private readonly reader: TenantReader) {}

  nudgeSettings(tenantId: string): Promise<NudgeSettingsView> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<{ rules: Partial<NudgeSettings>; updated_at: Date }>(
        `SELECT rules, updated_at FROM nudge_settings WHERE tenant_id = $1`,
        [tenantId],
      );
      const row = rows[0];
      // A rule added since the row was written has its default.
      return row ? { rules: { ...DEFAULT_NUDGE_SETTINGS, ...row.rules }, updatedAt: new Date(row.updated_at) } : { rules: DEFAULT_NUDGE_SETTINGS, updatedAt: null };
    });
  }

  notificationPreferences(tenantId: string, memberId: string): Promise<NotificationPreferencesView> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<{ channels: NotificationPreferencesView['channels']; opted_out: NotificationPreferencesView['optedOut']; daily_cap: number; updated_at: Date }>(
        `SELECT channels, opted_out, daily_cap, updated_at FROM notification_preferences WHERE tenant_id = $1 AND member_id = $2`,
        [tenantId, memberId],
      );
      const row = rows[0];
      return row
        ? { memberId, channels: row.channels, optedOut: row.opted_out, dailyCap: Number(row.daily_cap), updatedAt: new Date(row.updated_at) }
        : { memberId, ...DEFAULT_NOTIFICATION_PREFERENCES, updatedAt: null };
    });
  }

  webhookEndpoints(tenantId: string, page: PageRequest): Promise<Page<WebhookEndpointView>> {
    const first = pageSizeOf(page);
    const list = webhookEndpointsOf(tenantId);
    const after = endpointCursorOf(page, list);
    return this.reader.read(tenantId, async (tx) => {
      const params: unknown[] = [tenantId, first + 1];
      const continuation = after ? `AND (registered_at, endpoint_id) > ($3::timestamptz, $4)` : '';
      if (after) params.push(...after);
      const { rows } = await tx.query<EndpointRow>(
        `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 ${continuation} ORDER BY registered_at, endpoint_id LIMIT $2`,
        params,
      );
      return toPage(rows.map(toEndpoint), first, list, (endpoint) => [endpoint.registeredAt.toISOString(), endpoint.endpointId]);
    });
  }

  webhookEndpoint(tenantId: string, endpointId: string): Promise<WebhookEndpointView | undefined> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND endpoint_id = $2`, [tenantId, endpointId]);
      return rows[0] && toEndpoint(rows[0]);
    });
  }

  webhookEndpointUrls(tenantId: string): Promise<readonly EndpointUrl[]> {
    return this.reader.read(tenantId, async (tx) => {
      // Removed endpoints are deleted from the table: every row is one the organisation still has.
      const { rows } = await tx.query<{ endpoint_id: string; url: string }>(
        `SELECT endpoint_id, url FROM webhook_endpoints WHERE tenant_id = $1 ORDER BY registered_at, endpoint_id`,
        [tenantId],
      );
      return rows.map((row) => ({ endpointId: row.endpoint_id, url: row.url }));
    });
  }
}
