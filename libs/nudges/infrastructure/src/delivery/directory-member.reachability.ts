/**
 * Member reachability from the organisation's member directory (org_members): whether they are still
 * a member, their email, timezone and quiet hours; channels, opt-outs and the daily cap are the
 * defaults (in-app, none, 3 a day). Stands in until the members' own notification preferences are
 * read from theirs.
 */
import type { TenantReader } from '@stepwise/database';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '@stepwise/nudges-domain';
import type { MemberReach, MemberReachability } from './delivery.ports';

interface MemberRow {
  active: boolean;
  email: string | null;
  timezone: string;
  quiet_start: string | null;
  quiet_end: string | null;
}

export class DirectoryMemberReachability implements MemberReachability {
  constructor(private readonly reader: TenantReader) {}

  reachabilityOf(tenantId: string, memberId: string): Promise<MemberReach | undefined> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<MemberRow>('SELECT active, email, timezone, quiet_start, quiet_end FROM org_members WHERE tenant_id = $1 AND member_id = $2', [
        tenantId,
        memberId,
      ]);
      const row = rows[0];
      if (!row) return undefined;
      return {
        active: row.active,
        email: row.email,
        timezone: row.timezone,
        quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
        channels: DEFAULT_NOTIFICATION_PREFERENCES.channels,
        optedOut: DEFAULT_NOTIFICATION_PREFERENCES.optedOut,
        dailyCap: DEFAULT_NOTIFICATION_PREFERENCES.dailyCap,
      };
    });
  }
}
