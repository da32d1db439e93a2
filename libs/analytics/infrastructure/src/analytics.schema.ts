/**
 * The analytics fact tables live in their own PostgreSQL schema, so a rebuild can build a second copy
 * beside them (`analytics_next`) and swap it in by renaming schemas, in one transaction.
 */
import { APP_ROLE, TENANT_SETTING } from '@stepwise/database';

export const LIVE_ANALYTICS_SCHEMA = 'analytics';
export const NEXT_ANALYTICS_SCHEMA = 'analytics_next';
export const RETIRED_ANALYTICS_SCHEMA = 'analytics_retired';

/** The fact tables the first migration made (analyticsSchemaSql), unqualified. */
const FIRST_ANALYTICS_TABLES = [
  'journeys',
  'reflections',
  'steps',
  'pivots',
  'direction_history',
  'vision_revisions',
  'memberships',
  'support_requests',
  'commitments',
  'member_timezones',
] as const;

/** Every fact table, unqualified; `${schema}.${table}` names one. */
export const ANALYTICS_TABLES = [...FIRST_ANALYTICS_TABLES, 'member_persons'] as const;

const tenantSecurity = (schema: string, table: string): string => `
ALTER TABLE ${schema}.${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${schema}.${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_tenant_isolation ON ${schema}.${table}
  USING (tenant_id = current_setting('${TENANT_SETTING}', true))
  WITH CHECK (tenant_id = current_setting('${TENANT_SETTING}', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema}.${table} TO ${APP_ROLE};`;

/**
 * The DDL of one copy of the fact tables. Every key leads with tenant_id; every table is under RLS.
 * Times are instants (timestamptz): weeks are bucketed at query time in the organisation's
 * timezone, so a timezone change needs no rebuild.
 */
export const analyticsSchemaSql = (schema: string): string => `
CREATE SCHEMA ${schema};
GRANT USAGE ON SCHEMA ${schema} TO ${APP_ROLE};
-- One row per journey: its state now, the start of its current run of NOs, its last step taken.
CREATE TABLE ${schema}.journeys (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  team_id text NOT NULL,
  title text NOT NULL,
  status text NOT NULL,
  started_at timestamptz NOT NULL,
  last_step_taken_at timestamptz,
  no_run_started_at timestamptz,
  last_pivot_at timestamptz,
  PRIMARY KEY (tenant_id, journey_id)
);
CREATE INDEX journeys_team ON ${schema}.journeys (tenant_id, team_id);
CREATE TABLE ${schema}.reflections (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  reflection_id text NOT NULL,
  team_id text NOT NULL,
  member_id text NOT NULL,
  step_id text,
  closer text NOT NULL,
  comfort smallint NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, journey_id, reflection_id)
);
CREATE INDEX reflections_journey_at ON ${schema}.reflections (tenant_id, journey_id, at);
CREATE INDEX reflections_team_at ON ${schema}.reflections (tenant_id, team_id, at);
CREATE INDEX reflections_at ON ${schema}.reflections (tenant_id, at);
CREATE TABLE ${schema}.steps (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  step_id text NOT NULL,
  team_id text NOT NULL,
  owner_id text NOT NULL,
  due_on date,
  status text NOT NULL,
  planned_at timestamptz NOT NULL,
  taken_at timestamptz,
  first_owner_reflection_at timestamptz,
  PRIMARY KEY (tenant_id, journey_id, step_id)
);
CREATE INDEX steps_journey_taken ON ${schema}.steps (tenant_id, journey_id, taken_at);
CREATE INDEX steps_team_taken ON ${schema}.steps (tenant_id, team_id, taken_at);
CREATE INDEX steps_open ON ${schema}.steps (tenant_id, team_id) WHERE status = 'PLANNED';
CREATE TABLE ${schema}.pivots (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  pivot_id text NOT NULL,
  team_id text NOT NULL,
  at timestamptz NOT NULL,
  first_no_at timestamptz,
  PRIMARY KEY (tenant_id, journey_id, pivot_id)
);
CREATE INDEX pivots_team_at ON ${schema}.pivots (tenant_id, team_id, at);
-- Every direction a journey took: set, then changed by pivots.
CREATE TABLE ${schema}.direction_history (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  stream_version integer NOT NULL,
  team_id text NOT NULL,
  direction text NOT NULL,
  pivot_id text,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, journey_id, stream_version)
);
CREATE TABLE ${schema}.vision_revisions (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  version integer NOT NULL,
  team_id text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, journey_id, version)
);
CREATE INDEX vision_revisions_team ON ${schema}.vision_revisions (tenant_id, team_id, at);
-- Who was on which team when: leaving closes the row, it never deletes it.
CREATE TABLE ${schema}.memberships (
  tenant_id text NOT NULL,
  team_id text NOT NULL,
  member_id text NOT NULL,
  joined_at timestamptz NOT NULL,
  left_at timestamptz,
  PRIMARY KEY (tenant_id, team_id, member_id, joined_at)
);
CREATE TABLE ${schema}.support_requests (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  request_id text NOT NULL,
  team_id text NOT NULL,
  member_id text NOT NULL,
  requested_at timestamptz NOT NULL,
  offered_at timestamptz,
  PRIMARY KEY (tenant_id, journey_id, request_id)
);
CREATE INDEX support_requests_open ON ${schema}.support_requests (tenant_id, team_id) WHERE offered_at IS NULL;
CREATE TABLE ${schema}.commitments (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  commitment_id text NOT NULL,
  team_id text NOT NULL,
  member_id text NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL,
  made_at timestamptz NOT NULL,
  resolved_at timestamptz,
  PRIMARY KEY (tenant_id, journey_id, commitment_id)
);
CREATE INDEX commitments_team ON ${schema}.commitments (tenant_id, team_id, status);
-- Overdue is judged in the member's own timezone.
CREATE TABLE ${schema}.member_timezones (
  tenant_id text NOT NULL,
  member_id text NOT NULL,
  timezone text NOT NULL,
  PRIMARY KEY (tenant_id, member_id)
);
${FIRST_ANALYTICS_TABLES.map((table) => tenantSecurity(schema, table)).join('\n')}
`;

/** Added by 0302: when a journey last resumed. */
export const journeysResumedAtSql = (schema: string): string => `
-- When a journey last resumed: a resumed journey's quiet stretch (stalled) starts again then.
ALTER TABLE ${schema}.journeys ADD COLUMN resumed_at timestamptz;
`;

/**
 * Added by 0303: the person behind each member id (their sign-in subject), and each step's owner as
 * a person, so a reflection under another member id of the owner closes the step's loop.
 */
export const memberPersonsSql = (schema: string): string => `
-- Someone removed and added again has a new member id and the same person.
CREATE TABLE ${schema}.member_persons (
  tenant_id text NOT NULL,
  member_id text NOT NULL,
  person text NOT NULL,
  PRIMARY KEY (tenant_id, member_id)
);
${tenantSecurity(schema, 'member_persons')}
ALTER TABLE ${schema}.steps ADD COLUMN owner_person text;
`;

/**
 * Tables and columns added since the first migration, in the order added: the live schema gets them
 * by migration, a rebuild's copy right after analyticsSchemaSql (which stays as first migrated).
 */
export const analyticsSchemaAdditionsSql = (schema: string): string => journeysResumedAtSql(schema) + memberPersonsSql(schema);
