import type { SqlDatabase, TenantReader } from '@stepwise/database';
import type {
  MemberView,
  MinimumGroupSizeChange,
  OrganisationSettingsView,
  OrganisationView,
  TeamMemberView,
  TeamView,
  TenancyReadModel,
} from '@stepwise/tenancy-application/read';
import { StoredTimezones } from './stored-timezones';

interface MemberRow {
  member_id: string;
  display_name: string;
  email: string | null;
  org_role: 'ADMIN' | 'MEMBER';
  timezone: string;
  quiet_start: string | null;
  quiet_end: string | null;
  joined_at: Date;
}

interface TeamRow {
  team_id: string;
  name: string;
  plan: string | null;
  subscription_status: string | null;
  member_count: string | number;
  my_role: 'LEADER' | 'STAFF' | null;
  created_at: Date;
}

const toMember = (row: MemberRow): MemberView => ({
  memberId: row.member_id,
  displayName: row.display_name,
  email: row.email,
  orgRole: row.org_role,
  timezone: row.timezone,
  quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
  joinedAt: new Date(row.joined_at),
});

const toTeam = (row: TeamRow): TeamView => ({
  teamId: row.team_id,
  name: row.name,
  plan: row.plan,
  subscriptionStatus: row.subscription_status,
  memberCount: Number(row.member_count),
  myRole: row.my_role,
  createdAt: new Date(row.created_at),
});

const TEAM_SELECT = `
  SELECT t.team_id, t.name, t.plan, t.subscription_status, t.created_at,
         (SELECT count(*) FROM team_members c WHERE c.tenant_id = t.tenant_id AND c.team_id = t.team_id) AS member_count,
         m.role AS my_role
  FROM teams t
  LEFT JOIN team_members m ON m.tenant_id = t.tenant_id AND m.team_id = t.team_id AND m.member_id = $2
  WHERE t.tenant_id = $1`;

/** Tenancy queries over the read tables; every tenant query runs through the RLS-scoped reader. */
export class SqlTenancyReadModel implements TenancyReadModel {
  constructor(
    private readonly database: SqlDatabase,
    private readonly reader: TenantReader,
    /** How a stored organisation timezone is read: one the timezone rule no longer takes is read as UTC. */
    private readonly timezones: StoredTimezones = new StoredTimezones(),
  ) {}

  async organisationsOf(subject: string): Promise<OrganisationView[]> {
    const { rows } = await this.database.query<{ tenant_id: string; member_id: string }>(
      `SELECT tenant_id, member_id FROM subject_memberships WHERE subject = $1 ORDER BY tenant_id`,
      [subject],
    );
    const organisations: OrganisationView[] = [];
    for (const row of rows) {
      const found = await this.reader.read(row.tenant_id, async (tx) => {
        const result = await tx.query<{ name: string; slug: string; org_role: 'ADMIN' | 'MEMBER' }>(
          `SELECT o.name, o.slug, m.org_role FROM organisations o
           JOIN org_members m ON m.tenant_id = o.tenant_id AND m.member_id = $2 AND m.active
           WHERE o.tenant_id = $1`,
          [row.tenant_id, row.member_id],
        );
        return result.rows[0];
      });
      if (found) organisations.push({ organisationId: row.tenant_id, name: found.name, slug: found.slug, memberId: row.member_id, orgRole: found.org_role });
    }
    return organisations;
  }

  settings(tenantId: string): Promise<OrganisationSettingsView | undefined> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<{
        timezone: string;
        minimum_group_size: number;
        stalled_after_days: number;
        reflection_window_hours: number;
        settings_updated_at: Date | null;
        timezone_since: Date | null;
      }>(
        `SELECT timezone, minimum_group_size, stalled_after_days, reflection_window_hours, settings_updated_at, timezone_since FROM organisations WHERE tenant_id = $1`,
        [tenantId],
      );
      const row = rows[0];
      return (
        row && {
          timezone: this.timezones.usable(row.timezone),
          minimumGroupSize: Number(row.minimum_group_size),
          stalledAfterDays: Number(row.stalled_after_days),
          reflectionWindowHours: Number(row.reflection_window_hours),
          updatedAt: row.settings_updated_at ? new Date(row.settings_updated_at) : null,
          timezoneSince: row.timezone_since ? new Date(row.timezone_since) : null,
        }
      );
    });
  }

  minimumGroupSizeChanges(tenantId: string): Promise<MinimumGroupSizeChange[]> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<{ changed_at: Date; minimum_group_size: number }>(
        `SELECT changed_at, minimum_group_size FROM minimum_group_size_changes WHERE tenant_id = $1 ORDER BY stream_version`,
        [tenantId],
      );
      return rows.map((row) => ({ at: new Date(row.changed_at), minimumGroupSize: Number(row.minimum_group_size) }));
    });
  }

  members(tenantId: string): Promise<MemberView[]> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<MemberRow>(
        `SELECT * FROM org_members WHERE tenant_id = $1 AND active ORDER BY display_name, member_id`,
        [tenantId],
      );
      return rows.map(toMember);
    });
  }

  member(tenantId: string, memberId: string): Promise<MemberView | undefined> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<MemberRow>(`SELECT * FROM org_members WHERE tenant_id = $1 AND member_id = $2 AND active`, [tenantId, memberId]);
      return rows[0] && toMember(rows[0]);
    });
  }

  teams(tenantId: string, askingMemberId: string, options: { onlyMine: boolean }): Promise<TeamView[]> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<TeamRow>(
        `${TEAM_SELECT} ${options.onlyMine ? 'AND m.member_id IS NOT NULL' : ''} ORDER BY t.name, t.team_id`,
        [tenantId, askingMemberId],
      );
      return rows.map(toTeam);
    });
  }

  team(tenantId: string, teamId: string, askingMemberId: string): Promise<TeamView | undefined> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<TeamRow>(`${TEAM_SELECT} AND t.team_id = $3`, [tenantId, askingMemberId, teamId]);
      return rows[0] && toTeam(rows[0]);
    });
  }

  teamMembers(tenantId: string, teamId: string): Promise<TeamMemberView[]> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<{ member_id: string; display_name: string; role: 'LEADER' | 'STAFF'; joined_at: Date }>(
        `SELECT tm.member_id, om.display_name, tm.role, tm.joined_at FROM team_members tm
         JOIN org_members om ON om.tenant_id = tm.tenant_id AND om.member_id = tm.member_id
         WHERE tm.tenant_id = $1 AND tm.team_id = $2 ORDER BY om.display_name, tm.member_id`,
        [tenantId, teamId],
      );
      return rows.map((row) => ({ memberId: row.member_id, displayName: row.display_name, role: row.role, joinedAt: new Date(row.joined_at) }));
    });
  }

  teamIdsOf(tenantId: string, memberId: string): Promise<string[]> {
    return this.reader.read(tenantId, async (tx) => {
      const { rows } = await tx.query<{ team_id: string }>(
        `SELECT team_id FROM team_members WHERE tenant_id = $1 AND member_id = $2 ORDER BY team_id`,
        [tenantId, memberId],
      );
      return rows.map((row) => row.team_id);
    });
  }
}
