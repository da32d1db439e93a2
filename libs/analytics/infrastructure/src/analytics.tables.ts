/**
 * The analytics fact tables as their projections write them (see analytics.schema.ts), in the live
 * schema; `inSchema` names the copy a rebuild writes. Timestamps are ISO text, dates `YYYY-MM-DD`.
 */
import type { TableShape } from '@stepwise/projections';
import { LIVE_ANALYTICS_SCHEMA } from './analytics.schema';

const live = (table: string): string => `${LIVE_ANALYTICS_SCHEMA}.${table}`;

export type JourneyFactRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly team_id: string;
  readonly title: string;
  readonly status: string;
  readonly started_at: string;
  readonly last_step_taken_at: string | null;
  readonly no_run_started_at: string | null;
  readonly last_pivot_at: string | null;
  /** When the journey last resumed after a pause: its quiet stretch starts again then. */
  readonly resumed_at: string | null;
};

export const journeyFactsTable: TableShape<JourneyFactRow, 'tenant_id' | 'journey_id'> = {
  name: live('journeys'),
  key: ['tenant_id', 'journey_id'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    team_id: 'text',
    title: 'text',
    status: 'text',
    started_at: 'timestamptz',
    last_step_taken_at: 'timestamptz',
    no_run_started_at: 'timestamptz',
    last_pivot_at: 'timestamptz',
    resumed_at: 'timestamptz',
  },
};

export type ReflectionFactRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly reflection_id: string;
  readonly team_id: string;
  readonly member_id: string;
  readonly step_id: string | null;
  readonly closer: string;
  readonly comfort: number;
  readonly at: string;
};

export const reflectionFactsTable: TableShape<ReflectionFactRow, 'tenant_id' | 'journey_id' | 'reflection_id'> = {
  name: live('reflections'),
  key: ['tenant_id', 'journey_id', 'reflection_id'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    reflection_id: 'text',
    team_id: 'text',
    member_id: 'text',
    step_id: 'text',
    closer: 'text',
    comfort: 'smallint',
    at: 'timestamptz',
  },
  immutable: true,
};

export type StepFactRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly step_id: string;
  readonly team_id: string;
  readonly owner_id: string;
  /** The owner as a person (member_persons), when known as the step was planned. */
  readonly owner_person: string | null;
  readonly due_on: string | null;
  readonly status: string;
  readonly planned_at: string;
  readonly taken_at: string | null;
  readonly first_owner_reflection_at: string | null;
};

export const stepFactsTable: TableShape<StepFactRow, 'tenant_id' | 'journey_id' | 'step_id'> = {
  name: live('steps'),
  key: ['tenant_id', 'journey_id', 'step_id'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    step_id: 'text',
    team_id: 'text',
    owner_id: 'text',
    owner_person: 'text',
    due_on: 'date',
    status: 'text',
    planned_at: 'timestamptz',
    taken_at: 'timestamptz',
    first_owner_reflection_at: 'timestamptz',
  },
};

export type PivotFactRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly pivot_id: string;
  readonly team_id: string;
  readonly at: string;
  readonly first_no_at: string | null;
};

export const pivotFactsTable: TableShape<PivotFactRow, 'tenant_id' | 'journey_id' | 'pivot_id'> = {
  name: live('pivots'),
  key: ['tenant_id', 'journey_id', 'pivot_id'],
  columns: { tenant_id: 'text', journey_id: 'text', pivot_id: 'text', team_id: 'text', at: 'timestamptz', first_no_at: 'timestamptz' },
  immutable: true,
};

export type DirectionFactRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly stream_version: number;
  readonly team_id: string;
  readonly direction: string;
  readonly pivot_id: string | null;
  readonly at: string;
};

export const directionHistoryTable: TableShape<DirectionFactRow, 'tenant_id' | 'journey_id' | 'stream_version'> = {
  name: live('direction_history'),
  key: ['tenant_id', 'journey_id', 'stream_version'],
  columns: { tenant_id: 'text', journey_id: 'text', stream_version: 'integer', team_id: 'text', direction: 'text', pivot_id: 'text', at: 'timestamptz' },
  immutable: true,
};

export type VisionRevisionFactRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly version: number;
  readonly team_id: string;
  readonly at: string;
};

export const visionRevisionsTable: TableShape<VisionRevisionFactRow, 'tenant_id' | 'journey_id' | 'version'> = {
  name: live('vision_revisions'),
  key: ['tenant_id', 'journey_id', 'version'],
  columns: { tenant_id: 'text', journey_id: 'text', version: 'integer', team_id: 'text', at: 'timestamptz' },
  immutable: true,
};

export type SupportRequestFactRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly request_id: string;
  readonly team_id: string;
  readonly member_id: string;
  readonly requested_at: string;
  readonly offered_at: string | null;
};

export const supportRequestFactsTable: TableShape<SupportRequestFactRow, 'tenant_id' | 'journey_id' | 'request_id'> = {
  name: live('support_requests'),
  key: ['tenant_id', 'journey_id', 'request_id'],
  columns: { tenant_id: 'text', journey_id: 'text', request_id: 'text', team_id: 'text', member_id: 'text', requested_at: 'timestamptz', offered_at: 'timestamptz' },
};

export type CommitmentFactRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly commitment_id: string;
  readonly team_id: string;
  readonly member_id: string;
  readonly due_on: string;
  readonly status: string;
  readonly made_at: string;
  readonly resolved_at: string | null;
};

export const commitmentFactsTable: TableShape<CommitmentFactRow, 'tenant_id' | 'journey_id' | 'commitment_id'> = {
  name: live('commitments'),
  key: ['tenant_id', 'journey_id', 'commitment_id'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    commitment_id: 'text',
    team_id: 'text',
    member_id: 'text',
    due_on: 'date',
    status: 'text',
    made_at: 'timestamptz',
    resolved_at: 'timestamptz',
  },
};

export type MembershipRow = {
  readonly tenant_id: string;
  readonly team_id: string;
  readonly member_id: string;
  readonly joined_at: string;
  readonly left_at: string | null;
};

export const membershipsTable: TableShape<MembershipRow, 'tenant_id' | 'team_id' | 'member_id' | 'joined_at'> = {
  name: live('memberships'),
  key: ['tenant_id', 'team_id', 'member_id', 'joined_at'],
  columns: { tenant_id: 'text', team_id: 'text', member_id: 'text', joined_at: 'timestamptz', left_at: 'timestamptz' },
  // A member's stays on one team: leaving closes the one still open.
  lookups: [['tenant_id', 'team_id', 'member_id']],
};

export type MemberTimezoneRow = {
  readonly tenant_id: string;
  readonly member_id: string;
  readonly timezone: string;
};

export const memberTimezonesTable: TableShape<MemberTimezoneRow, 'tenant_id' | 'member_id'> = {
  name: live('member_timezones'),
  key: ['tenant_id', 'member_id'],
  columns: { tenant_id: 'text', member_id: 'text', timezone: 'text' },
};

/** The person behind a member id: their sign-in subject (person.identity). */
export type MemberPersonRow = {
  readonly tenant_id: string;
  readonly member_id: string;
  readonly person: string;
};

export const memberPersonsTable: TableShape<MemberPersonRow, 'tenant_id' | 'member_id'> = {
  name: live('member_persons'),
  key: ['tenant_id', 'member_id'],
  columns: { tenant_id: 'text', member_id: 'text', person: 'text' },
};
