/**
 * Read-table rows to the port's views. Nested rows arrive through `to_jsonb`, where timestamps are
 * strings; plain columns arrive as Dates: both go through `new Date`. Due dates are read as text
 * (`due_on::text`, or as jsonb renders a date) so no timezone ever shifts them.
 */
import type { CommitmentView, JourneySummary, ReflectionView, StepView, VisionVersionView } from '@stepwise/journeys-application/read';

type Timestamp = Date | string;
const dateOf = (value: Timestamp): Date => new Date(value);
const dateOrNull = (value: Timestamp | null): Date | null => (value === null ? null : new Date(value));

export interface VisionRow {
  version: number;
  statement: string;
  expectations: string[];
  success_signals: string[];
  reason: string | null;
  changed_by: string;
  at: Timestamp;
}

export interface StepRow {
  step_id: string;
  journey_id: string;
  team_id: string;
  title: string;
  owner_id: string;
  due_on: string | null;
  status: StepView['status'];
  planned_at: Timestamp;
  taken_at: Timestamp | null;
  dropped_at: Timestamp | null;
}

export interface ReflectionRow {
  reflection_id: string;
  journey_id: string;
  member_id: string;
  closer: ReflectionView['closer'];
  comfort: number;
  note: string | null;
  step_id: string | null;
  direction: string | null;
  at: Timestamp;
}

export interface JourneyRow {
  journey_id: string;
  team_id: string;
  title: string;
  status: JourneySummary['status'];
  started_by: string;
  started_at: Date;
  direction: string | null;
  updated_at: Date;
  version: number;
  vision: VisionRow | null;
  last_step: StepRow | null;
  last_reflection: ReflectionRow | null;
}

export interface CommitmentRow {
  commitment_id: string;
  journey_id: string;
  team_id: string;
  member_id: string;
  description: string;
  due_on: string;
  status: CommitmentView['status'];
  made_at: Date;
  resolved_at: Date | null;
}

export const toVision = (row: VisionRow): VisionVersionView => ({
  version: Number(row.version),
  statement: row.statement,
  expectations: row.expectations,
  successSignals: row.success_signals,
  reason: row.reason,
  by: row.changed_by,
  at: dateOf(row.at),
});

export const toStep = (row: StepRow): StepView => ({
  stepId: row.step_id,
  journeyId: row.journey_id,
  teamId: row.team_id,
  title: row.title,
  ownerId: row.owner_id,
  dueOn: row.due_on,
  status: row.status,
  plannedAt: dateOf(row.planned_at),
  takenAt: dateOrNull(row.taken_at),
  droppedAt: dateOrNull(row.dropped_at),
});

export const toReflection = (row: ReflectionRow): ReflectionView => ({
  reflectionId: row.reflection_id,
  journeyId: row.journey_id,
  memberId: row.member_id,
  closer: row.closer,
  comfort: Number(row.comfort),
  note: row.note,
  stepId: row.step_id,
  direction: row.direction ?? null,
  at: dateOf(row.at),
});

export const toJourney = (row: JourneyRow): JourneySummary => ({
  journeyId: row.journey_id,
  teamId: row.team_id,
  title: row.title,
  status: row.status,
  startedBy: row.started_by,
  startedAt: dateOf(row.started_at),
  vision: row.vision && toVision(row.vision),
  direction: row.direction,
  lastStep: row.last_step && toStep(row.last_step),
  lastReflection: row.last_reflection && toReflection(row.last_reflection),
  updatedAt: dateOf(row.updated_at),
  version: Number(row.version),
});

export const toCommitment = (row: CommitmentRow): CommitmentView => ({
  commitmentId: row.commitment_id,
  journeyId: row.journey_id,
  teamId: row.team_id,
  memberId: row.member_id,
  description: row.description,
  dueOn: row.due_on,
  status: row.status,
  madeAt: dateOf(row.made_at),
  resolvedAt: dateOrNull(row.resolved_at),
});
