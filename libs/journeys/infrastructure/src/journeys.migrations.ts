
const tables = ['journeys', 'vision_versions', 'journey_steps', 'reflections', 'commitments', 'support_requests', 'journey_timeline'];

/**
 * Read tables of the journeys context. Every key leads with tenant_id and every table is under RLS.
 * Timestamps come from event data (ISO strings with millisecond precision), so cursors built from
 * them in JavaScript compare exactly. Dates (due dates) are `date`, read back as text.
 */
export const journeysMigrations: Migration[] = [
  {
    name: '0200_journeys_read_models',
    sql: `
CREATE TABLE journeys (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  team_id text NOT NULL,
  title text NOT NULL,
  status text NOT NULL,
  started_by text NOT NULL,
  started_at timestamptz NOT NULL,
  vision_version integer,
  direction text,
  last_step_id text,
  last_reflection_id text,
  version integer NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, journey_id)
);
-- teamJourneys: one team's journeys, newest first.
CREATE INDEX journeys_team_newest ON journeys (tenant_id, team_id, started_at DESC, journey_id DESC);
-- memberJourneys: all journeys newest first, filtered by the member's teams.
CREATE INDEX journeys_newest ON journeys (tenant_id, started_at DESC, journey_id DESC);

CREATE TABLE vision_versions (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  version integer NOT NULL,
  statement text NOT NULL,
  expectations jsonb NOT NULL,
  success_signals jsonb NOT NULL,
  reason text,
  changed_by text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, journey_id, version)
);

CREATE TABLE journey_steps (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  step_id text NOT NULL,
  team_id text NOT NULL,
  title text NOT NULL,
  owner_id text NOT NULL,
  due_on date,
  status text NOT NULL,
  planned_by text NOT NULL,
  planned_at timestamptz NOT NULL,
  taken_by text,
  taken_at timestamptz,
  dropped_by text,
  drop_reason text,
  dropped_at timestamptz,
  -- Whether the owner has reflected about this step: "steps awaiting reflection" are those without.
  owner_reflected boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, journey_id, step_id)
);
-- openSteps: soonest due first, undated last.
CREATE INDEX journey_steps_open ON journey_steps (tenant_id, owner_id, (COALESCE(due_on, 'infinity'::date)), planned_at, journey_id, step_id)
  WHERE status = 'PLANNED';
-- stepsAwaitingReflection: oldest taken first.
CREATE INDEX journey_steps_awaiting_reflection ON journey_steps (tenant_id, owner_id, taken_at, journey_id, step_id)
  WHERE status = 'TAKEN' AND NOT owner_reflected;

CREATE TABLE reflections (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  reflection_id text NOT NULL,
  team_id text NOT NULL,
  member_id text NOT NULL,
  closer text NOT NULL,
  comfort smallint NOT NULL,
  note text,
  step_id text,
  vision_version integer NOT NULL,
  direction text,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, journey_id, reflection_id)
);

CREATE TABLE commitments (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  commitment_id text NOT NULL,
  team_id text NOT NULL,
  member_id text NOT NULL,
  description text NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL,
  made_by text NOT NULL,
  made_at timestamptz NOT NULL,
  resolved_by text,
  resolved_at timestamptz,
  PRIMARY KEY (tenant_id, journey_id, commitment_id)
);
-- commitments: a member's open ones first, then soonest due.
CREATE INDEX commitments_member ON commitments (tenant_id, member_id, ((status <> 'OPEN')::int), due_on, journey_id, commitment_id);

CREATE TABLE support_requests (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  request_id text NOT NULL,
  team_id text NOT NULL,
  member_id text NOT NULL,
  need text NOT NULL,
  status text NOT NULL,
  requested_at timestamptz NOT NULL,
  offered_by text,
  offer_message text,
  offered_at timestamptz,
  PRIMARY KEY (tenant_id, journey_id, request_id)
);
-- Leaders (and the support nudge) look for a team's unanswered requests, oldest first.
CREATE INDEX support_requests_open ON support_requests (tenant_id, team_id, requested_at) WHERE status = 'OPEN';

CREATE TABLE journey_timeline (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  sequence integer NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  actor_id text NOT NULL,
  -- The sentence after the actor's name; names are joined from org_members when read.
  summary text NOT NULL,
  -- A second member the sentence names (through a placeholder), e.g. whom support was offered to.
  subject_member_id text,
  -- The step or commitment the event is about, and its title, so later events can name it.
  subject_id text,
  subject_title text,
  note text,
  note_author_id text,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, journey_id, sequence)
);
CREATE INDEX journey_timeline_subject ON journey_timeline (tenant_id, journey_id, subject_id) WHERE subject_id IS NOT NULL;

${tables.map(tenantTableSecuritySql).join('')}
`,
  },
  {
    // A reflection's comfort moves out of the stored sentence into a column of its own, so the api
    // can show it only to whom it may. Rows written before keep their figure: it is the sentence's
    // fixed ending (notes were never part of it), read back and cut off here.
    name: '0210_journey_timeline_comfort_apart',
    sql: `
ALTER TABLE journey_timeline ADD COLUMN comfort smallint;
-- Every tenant's rows at once: the owner steps out of forced row-level security for this statement only.
ALTER TABLE journey_timeline NO FORCE ROW LEVEL SECURITY;
UPDATE journey_timeline
  SET comfort = substring(summary from ', comfort ([1-5])/5$')::smallint,
      summary = regexp_replace(summary, ', comfort [1-5]/5$', '')
  WHERE event_type = 'ReflectionRecorded' AND summary ~ ', comfort [1-5]/5$';
ALTER TABLE journey_timeline FORCE ROW LEVEL SECURITY;
`,
  },
  {
    // myCommitments pages on keys a commitment keeps (soonest due, then oldest made), no longer on
    // whether it is open, which changes between pages.
    name: '0220_commitments_member_by_due',
    sql: `
DROP INDEX commitments_member;
CREATE INDEX commitments_member_due ON commitments (tenant_id, member_id, due_on, made_at, journey_id, commitment_id);
`,
  },
  {
    // Every offer of support, not only the first a request's row holds: a request may have several
    // (from several leaders, or over time), and its asker and the team's leaders read them all. A
    // runner's projections share one checkpoint, so the new projection would never see the offers
    // made before it: they are copied from the log here, as it would have written them (it inserts
    // by the same key and skips a row already there, so events past the checkpoint land once).
    name: '0230_support_offers',
    sql: `
CREATE TABLE support_offers (
  tenant_id text NOT NULL,
  journey_id text NOT NULL,
  request_id text NOT NULL,
  sequence integer NOT NULL,
  team_id text NOT NULL,
  requested_by text NOT NULL,
  leader_id text NOT NULL,
  message text NOT NULL,
  offered_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, journey_id, request_id, sequence)
);
INSERT INTO support_offers (tenant_id, journey_id, request_id, sequence, team_id, requested_by, leader_id, message, offered_at)
  SELECT tenant_id, data->>'journeyId', data->>'requestId', stream_version, data->>'teamId', data->>'requestedBy', data->>'leaderId',
    data->>'message', (data->>'at')::timestamptz
  FROM es_events WHERE event_type = 'SupportOffered';
${tenantTableSecuritySql('support_offers')}
`,
  },
  {
    // A line about a step or commitment takes its title from the line that named it (StepPlanned,
    // CommitmentMade), found by one index probe, instead of reading every earlier line about it: a
    // cost that grew with each reflection on the step, at every event of every batch.
    name: '0240_journey_timeline_naming_line',
    sql: `
CREATE INDEX journey_timeline_subject_line ON journey_timeline (tenant_id, journey_id, subject_id, event_type) WHERE subject_id IS NOT NULL;
DROP INDEX journey_timeline_subject;
`,
  },
  {
    // A journey's `reflections` page newest first, read from this index rather than sorting every
    // reflection of a long journey for each page.
    name: '0250_reflections_newest',
    sql: `
CREATE INDEX reflections_newest ON reflections (tenant_id, journey_id, at DESC, reflection_id DESC);
`,
  },
];

/** The read tables above, for rebuilds and tests. */
export const journeysReadTables: readonly string[] = [...tables, 'support_offers'];import { type Migration, tenantTableSecuritySql } from '@stepwise/database';

