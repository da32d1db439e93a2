
/** Read tables of the tenancy context. Every key leads with tenant_id; every table is under RLS but the subject directory. */
export const tenancyMigrations: Migration[] = [
  {
    name: '0100_tenancy_read_models',
    sql: `
CREATE TABLE organisations (
  tenant_id text PRIMARY KEY,
  name text NOT NULL,
  slug text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE org_members (
  tenant_id text NOT NULL,
  member_id text NOT NULL,
  subject text NOT NULL,
  display_name text NOT NULL,
  email text,
  org_role text NOT NULL,
  timezone text NOT NULL,
  quiet_start text,
  quiet_end text,
  active boolean NOT NULL DEFAULT true,
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, member_id)
);
CREATE INDEX org_members_subject ON org_members (tenant_id, subject) WHERE active;
CREATE TABLE teams (
  tenant_id text NOT NULL,
  team_id text NOT NULL,
  name text NOT NULL,
  plan text,
  subscription_status text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, team_id)
);
CREATE TABLE team_members (
  tenant_id text NOT NULL,
  team_id text NOT NULL,
  member_id text NOT NULL,
  role text NOT NULL,
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, team_id, member_id)
);
CREATE INDEX team_members_member ON team_members (tenant_id, member_id);
${tenantTableSecuritySql('organisations')}
${tenantTableSecuritySql('org_members')}
${tenantTableSecuritySql('teams')}
${tenantTableSecuritySql('team_members')}
-- Which organisations a verified subject belongs to, and as whom: the lookup that starts before a
-- tenant is established ("my organisations", the membership check of every request), so it is keyed
-- by subject, not under RLS, and holds only the mapping and the role.
-- It also answers the per-request membership check in one statement (the api's guard).
CREATE TABLE subject_memberships (
  subject text NOT NULL,
  tenant_id text NOT NULL,
  member_id text NOT NULL,
  org_role text NOT NULL,
  display_name text NOT NULL,
  PRIMARY KEY (subject, tenant_id)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON subject_memberships TO stepwise_app;
`,
  },
  {
    name: '0101_organisation_settings',
    sql: `
-- The organisation's analytics settings (OrganisationSettingsChanged); the defaults hold until an admin changes them.
ALTER TABLE organisations
  ADD COLUMN timezone text NOT NULL DEFAULT 'UTC',
  ADD COLUMN minimum_group_size integer NOT NULL DEFAULT 3,
  ADD COLUMN stalled_after_days integer NOT NULL DEFAULT 14,
  ADD COLUMN reflection_window_hours integer NOT NULL DEFAULT 72,
  ADD COLUMN settings_updated_at timestamptz;
`,
  },
  {
    name: '0102_subject_memberships_by_member',
    sql: `
-- A member's role change reaches their directory rows by member, not by subject.
CREATE INDEX subject_memberships_member ON subject_memberships (tenant_id, member_id);
`,
  },
  {
    name: '0103_minimum_group_size_changes',
    sql: `
-- Every minimum group size an organisation has had, from when: a mean comfort closes each group of
-- answers under the size in force when its last answer was recorded. Copied from the log as the
-- projection writes it (it takes a row it already has as it is).
CREATE TABLE minimum_group_size_changes (
  tenant_id text NOT NULL,
  stream_version integer NOT NULL,
  changed_at timestamptz NOT NULL,
  minimum_group_size integer NOT NULL,
  PRIMARY KEY (tenant_id, stream_version)
);
INSERT INTO minimum_group_size_changes (tenant_id, stream_version, changed_at, minimum_group_size)
  SELECT tenant_id, stream_version, (data->>'at')::timestamptz, (data->>'minimumGroupSize')::integer
  FROM es_events WHERE event_type = 'OrganisationSettingsChanged';
${tenantTableSecuritySql('minimum_group_size_changes')}
`,
  },
  {
    name: '0104_organisation_timezone_since',
    sql: `
-- When the organisation's timezone last changed (null while it is the UTC it started with): weeks
-- cut in one timezone and in another differ by a few hours' answers, so readers who see aggregates
-- only are shown the finished weeks from then on. Copied from the log as the projection writes it:
-- the last change whose timezone differs from the one before it.
ALTER TABLE organisations ADD COLUMN timezone_since timestamptz;
UPDATE organisations o SET timezone_since = changed.at
FROM (
  SELECT DISTINCT ON (tenant_id) tenant_id, (data->>'at')::timestamptz AS at
  FROM (
    SELECT tenant_id, stream_version, data,
      lag(data->>'timezone', 1, 'UTC') OVER (PARTITION BY tenant_id ORDER BY stream_version) AS before
    FROM es_events WHERE event_type = 'OrganisationSettingsChanged'
  ) settings
  WHERE data->>'timezone' IS DISTINCT FROM before
  ORDER BY tenant_id, stream_version DESC
) changed
WHERE o.tenant_id = changed.tenant_id;
`,
  },
  {
    name: '0105_org_members_by_person',
    sql: `
-- Every member id a person (sign-in subject) has had, those who left included: a member's own work
-- lists read the steps and commitments they owned before they were removed and added again.
CREATE INDEX org_members_person ON org_members (tenant_id, subject, member_id);
`,
  },
];import { type Migration, tenantTableSecuritySql } from '@stepwise/database';

