/**
 * The tenancy read tables row projections write (see tenancy.migrations.ts): every column with its
 * type, and the key. Timestamps are ISO text.
 */
import type { TableShape } from '@stepwise/projections';

export type TeamRow = {
  readonly tenant_id: string;
  readonly team_id: string;
  readonly name: string;
  readonly plan: string | null;
  readonly subscription_status: string | null;
  readonly created_at: string;
};

export const teamsTable: TableShape<TeamRow, 'tenant_id' | 'team_id'> = {
  name: 'teams',
  key: ['tenant_id', 'team_id'],
  columns: { tenant_id: 'text', team_id: 'text', name: 'text', plan: 'text', subscription_status: 'text', created_at: 'timestamptz' },
};

export type TeamMemberRow = {
  readonly tenant_id: string;
  readonly team_id: string;
  readonly member_id: string;
  readonly role: string;
  readonly joined_at: string;
};

export const teamMembersTable: TableShape<TeamMemberRow, 'tenant_id' | 'team_id' | 'member_id'> = {
  name: 'team_members',
  key: ['tenant_id', 'team_id', 'member_id'],
  columns: { tenant_id: 'text', team_id: 'text', member_id: 'text', role: 'text', joined_at: 'timestamptz' },
};

export type OrganisationRow = {
  readonly tenant_id: string;
  readonly name: string;
  readonly slug: string;
  readonly created_by: string;
  readonly created_at: string;
  readonly timezone: string;
  readonly minimum_group_size: number;
  readonly stalled_after_days: number;
  readonly reflection_window_hours: number;
  readonly settings_updated_at: string | null;
  /** When the timezone last changed; null while it is the one the organisation started with. */
  readonly timezone_since: string | null;
};

export const organisationsTable: TableShape<OrganisationRow, 'tenant_id'> = {
  name: 'organisations',
  key: ['tenant_id'],
  columns: {
    tenant_id: 'text',
    name: 'text',
    slug: 'text',
    created_by: 'text',
    created_at: 'timestamptz',
    timezone: 'text',
    minimum_group_size: 'integer',
    stalled_after_days: 'integer',
    reflection_window_hours: 'integer',
    settings_updated_at: 'timestamptz',
    timezone_since: 'timestamptz',
  },
};

/**
 * Every minimum group size an organisation has had, from when (OrganisationSettingsChanged): a mean
 * comfort closes each group under the size in force when its last answer was recorded. Keyed by the
 * organisation stream's version, as two changes may share an instant.
 */
export type MinimumGroupSizeChangeRow = {
  readonly tenant_id: string;
  readonly stream_version: number;
  readonly changed_at: string;
  readonly minimum_group_size: number;
};

export const minimumGroupSizeChangesTable: TableShape<MinimumGroupSizeChangeRow, 'tenant_id' | 'stream_version'> = {
  name: 'minimum_group_size_changes',
  key: ['tenant_id', 'stream_version'],
  columns: { tenant_id: 'text', stream_version: 'integer', changed_at: 'timestamptz', minimum_group_size: 'integer' },
};

export type OrgMemberRow = {
  readonly tenant_id: string;
  readonly member_id: string;
  readonly subject: string;
  readonly display_name: string;
  readonly email: string | null;
  readonly org_role: string;
  readonly timezone: string;
  readonly quiet_start: string | null;
  readonly quiet_end: string | null;
  readonly active: boolean;
  readonly joined_at: string;
};

export const orgMembersTable: TableShape<OrgMemberRow, 'tenant_id' | 'member_id'> = {
  name: 'org_members',
  key: ['tenant_id', 'member_id'],
  columns: {
    tenant_id: 'text',
    member_id: 'text',
    subject: 'text',
    display_name: 'text',
    email: 'text',
    org_role: 'text',
    timezone: 'text',
    quiet_start: 'text',
    quiet_end: 'text',
    active: 'boolean',
    joined_at: 'timestamptz',
  },
};

export type SubjectMembershipRow = {
  readonly subject: string;
  readonly tenant_id: string;
  readonly member_id: string;
  readonly org_role: string;
  readonly display_name: string;
};

/** The subject directory: keyed by subject (it is read before a tenant is known), one row per organisation. */
export const subjectMembershipsTable: TableShape<SubjectMembershipRow, 'subject' | 'tenant_id'> = {
  name: 'subject_memberships',
  key: ['subject', 'tenant_id'],
  columns: { subject: 'text', tenant_id: 'text', member_id: 'text', org_role: 'text', display_name: 'text' },
  // A member's rows, whatever subject they joined as.
  lookups: [['tenant_id', 'member_id']],
};
