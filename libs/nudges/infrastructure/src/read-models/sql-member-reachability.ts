/**
 * Where and when a member can be reached: the member's profile from the tenancy context's members
 * table (timezone, quiet hours, email, whether they are still a member) beside their notification
 * preferences, in one statement. Both tables are kept by the same read-model runner.
 */
import type { TenantReader } from '@stepwise/database';
import type { MemberReach, MemberReachability } from '@stepwise/nudges-application/read';
import { DEFAULT_NOTIFICATION_PREFERENCES, type ChannelPreference, type NudgeRule } from '@stepwise/nudges-domain';

interface ReachRow {
  member_id: string;
  display_name: string;
  active: boolean;
  email: string | null;
  timezone: string;
  quiet_start: string | null;
  quiet_end: string | null;
  channels: ChannelPreference[] | null;
  opted_out: NudgeRule[] | null;
  daily_cap: number | null;
}

const REACH_SELECT = `
  SELECT m.member_id, m.display_name, m.active, m.email, m.timezone, m.quiet_start, m.quiet_end, p.channels, p.opted_out, p.daily_cap
  FROM org_members m
  LEFT JOIN notification_preferences p ON p.tenant_id = m.tenant_id AND p.member_id = m.member_id
  WHERE m.tenant_id = $1`;

const toReach = (row: ReachRow): MemberReach => ({
  memberId: row.member_id,
  displayName: row.display_name,
  active: row.active,
  email: row.email,
  timezone: row.timezone,
  quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
  channels: row.channels ?? DEFAULT_NOTIFICATION_PREFERENCES.channels,
  optedOut: row.opted_out ?? DEFAULT_NOTIFICATION_PREFERENCES.optedOut,
  dailyCap: row.daily_cap === null ? DEFAULT_NOTIFICATION_PREFERENCES.dailyCap : Number(row.daily_cap),
});

export class SqlMemberReachability implements MemberReachability {
  constructor(private readonly reader: TenantReader) {}

  member(tenantId: string, memberId: string): Promise<MemberReach | undefined> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<ReachRow>(`${REACH_SELECT} AND m.member_id = $2`, [tenantId, memberId]);
      return rows[0] && toReach(rows[0]);
    });
  }

  members(tenantId: string, memberIds: readonly string[]): Promise<MemberReach[]> {
    if (memberIds.length === 0) return Promise.resolve([]);
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<ReachRow>(`${REACH_SELECT} AND m.member_id = ANY($2::text[])`, [tenantId, [...memberIds]]);
      return rows.map(toReach);
    });
  }
}
