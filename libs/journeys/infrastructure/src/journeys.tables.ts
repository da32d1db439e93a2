/**
 * The journeys read tables as their projections write them (see journeys.migrations.ts): every
 * column with its type, the key, and the lookups. Timestamps are ISO text, dates `YYYY-MM-DD`.
 */
import type { TableShape } from '@stepwise/projections';

export type JourneyRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly team_id: string;
  readonly title: string;
  readonly status: string;
  readonly started_by: string;
  readonly started_at: string;
  readonly vision_version: number | null;
  readonly direction: string | null;
  readonly last_step_id: string | null;
  readonly last_reflection_id: string | null;
  readonly version: number;
  readonly updated_at: string;
};

export const journeysTable: TableShape<JourneyRow, 'tenant_id' | 'journey_id'> = {
  name: 'journeys',
  key: ['tenant_id', 'journey_id'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    team_id: 'text',
    title: 'text',
    status: 'text',
    started_by: 'text',
    started_at: 'timestamptz',
    vision_version: 'integer',
    direction: 'text',
    last_step_id: 'text',
    last_reflection_id: 'text',
    version: 'integer',
    updated_at: 'timestamptz',
  },
};

export type VisionVersionRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly version: number;
  readonly statement: string;
  readonly expectations: readonly string[];
  readonly success_signals: readonly string[];
  readonly reason: string | null;
  readonly changed_by: string;
  readonly at: string;
};

/** One row per version: a journey's version is written by one event only. */
export const visionVersionsTable: TableShape<VisionVersionRow, 'tenant_id' | 'journey_id' | 'version'> = {
  name: 'vision_versions',
  key: ['tenant_id', 'journey_id', 'version'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    version: 'integer',
    statement: 'text',
    expectations: 'jsonb',
    success_signals: 'jsonb',
    reason: 'text',
    changed_by: 'text',
    at: 'timestamptz',
  },
  immutable: true,
};

export type JourneyStepRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly step_id: string;
  readonly team_id: string;
  readonly title: string;
  readonly owner_id: string;
  readonly due_on: string | null;
  readonly status: string;
  readonly planned_by: string;
  readonly planned_at: string;
  readonly taken_by: string | null;
  readonly taken_at: string | null;
  readonly dropped_by: string | null;
  readonly drop_reason: string | null;
  readonly dropped_at: string | null;
  readonly owner_reflected: boolean;
};

export const journeyStepsTable: TableShape<JourneyStepRow, 'tenant_id' | 'journey_id' | 'step_id'> = {
  name: 'journey_steps',
  key: ['tenant_id', 'journey_id', 'step_id'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    step_id: 'text',
    team_id: 'text',
    title: 'text',
    owner_id: 'text',
    due_on: 'date',
    status: 'text',
    planned_by: 'text',
    planned_at: 'timestamptz',
    taken_by: 'text',
    taken_at: 'timestamptz',
    dropped_by: 'text',
    drop_reason: 'text',
    dropped_at: 'timestamptz',
    owner_reflected: 'boolean',
  },
};

export type ReflectionRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly reflection_id: string;
  readonly team_id: string;
  readonly member_id: string;
  readonly closer: string;
  readonly comfort: number;
  readonly note: string | null;
  readonly step_id: string | null;
  readonly vision_version: number;
  readonly direction: string | null;
  readonly at: string;
};

/** One row per reflection, written by its own event. */
export const reflectionsTable: TableShape<ReflectionRow, 'tenant_id' | 'journey_id' | 'reflection_id'> = {
  name: 'reflections',
  key: ['tenant_id', 'journey_id', 'reflection_id'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    reflection_id: 'text',
    team_id: 'text',
    member_id: 'text',
    closer: 'text',
    comfort: 'smallint',
    note: 'text',
    step_id: 'text',
    vision_version: 'integer',
    direction: 'text',
    at: 'timestamptz',
  },
  immutable: true,
};

export type CommitmentRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly commitment_id: string;
  readonly team_id: string;
  readonly member_id: string;
  readonly description: string;
  readonly due_on: string;
  readonly status: string;
  readonly made_by: string;
  readonly made_at: string;
  readonly resolved_by: string | null;
  readonly resolved_at: string | null;
};

export const commitmentsTable: TableShape<CommitmentRow, 'tenant_id' | 'journey_id' | 'commitment_id'> = {
  name: 'commitments',
  key: ['tenant_id', 'journey_id', 'commitment_id'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    commitment_id: 'text',
    team_id: 'text',
    member_id: 'text',
    description: 'text',
    due_on: 'date',
    status: 'text',
    made_by: 'text',
    made_at: 'timestamptz',
    resolved_by: 'text',
    resolved_at: 'timestamptz',
  },
};

export type SupportRequestRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly request_id: string;
  readonly team_id: string;
  readonly member_id: string;
  readonly need: string;
  readonly status: string;
  readonly requested_at: string;
  readonly offered_by: string | null;
  readonly offer_message: string | null;
  readonly offered_at: string | null;
};

export const supportRequestsTable: TableShape<SupportRequestRow, 'tenant_id' | 'journey_id' | 'request_id'> = {
  name: 'support_requests',
  key: ['tenant_id', 'journey_id', 'request_id'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    request_id: 'text',
    team_id: 'text',
    member_id: 'text',
    need: 'text',
    status: 'text',
    requested_at: 'timestamptz',
    offered_by: 'text',
    offer_message: 'text',
    offered_at: 'timestamptz',
  },
};

export type SupportOfferRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly request_id: string;
  /** The SupportOffered event's version in the journey stream: one offer each, in the order made. */
  readonly sequence: number;
  readonly team_id: string;
  readonly requested_by: string;
  readonly leader_id: string;
  readonly message: string;
  readonly offered_at: string;
};

export const supportOffersTable: TableShape<SupportOfferRow, 'tenant_id' | 'journey_id' | 'request_id' | 'sequence'> = {
  name: 'support_offers',
  key: ['tenant_id', 'journey_id', 'request_id', 'sequence'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    request_id: 'text',
    sequence: 'integer',
    team_id: 'text',
    requested_by: 'text',
    leader_id: 'text',
    message: 'text',
    offered_at: 'timestamptz',
  },
  immutable: true,
};

export type TimelineRow = {
  readonly tenant_id: string;
  readonly journey_id: string;
  readonly sequence: number;
  readonly event_id: string;
  readonly event_type: string;
  readonly actor_id: string;
  readonly summary: string;
  readonly subject_member_id: string | null;
  readonly subject_id: string | null;
  readonly subject_title: string | null;
  readonly note: string | null;
  readonly note_author_id: string | null;
  readonly at: string;
  readonly comfort: number | null;
};

/** One line per journey event, keyed by its stream version: a line never changes once written. */
export const journeyTimelineTable: TableShape<TimelineRow, 'tenant_id' | 'journey_id' | 'sequence'> = {
  name: 'journey_timeline',
  key: ['tenant_id', 'journey_id', 'sequence'],
  columns: {
    tenant_id: 'text',
    journey_id: 'text',
    sequence: 'integer',
    event_id: 'text',
    event_type: 'text',
    actor_id: 'text',
    summary: 'text',
    subject_member_id: 'text',
    subject_id: 'text',
    subject_title: 'text',
    note: 'text',
    note_author_id: 'text',
    at: 'timestamptz',
    comfort: 'smallint',
  },
  // The line naming a step or commitment: later lines about it take the title stored with it.
  lookups: [['tenant_id', 'journey_id', 'subject_id', 'event_type']],
  immutable: true,
};
