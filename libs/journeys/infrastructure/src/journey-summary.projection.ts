import { journeyEventSchemaVersions, type JourneyEvent, type JourneyStarted, type JourneyStatus } from '@stepwise/journeys-domain';
import { defineProjection, type EventHandler } from '@stepwise/projections';

/** What one event changes in a journey's summary row; absent fields stay as they are. */
interface SummaryChange {
  status?: JourneyStatus;
  visionVersion?: number;
  direction?: string;
  lastStepId?: string;
  lastReflectionId?: string;
}

const changeOf = (event: JourneyEvent): SummaryChange => {
  switch (event.type) {
    case 'VisionArticulated':
    case 'VisionRevised':
      return { visionVersion: event.data.version };
    case 'DirectionSet':
      return { direction: event.data.direction };
    case 'PivotMade':
      return { direction: event.data.toDirection };
    // The last step is the one most recently planned, taken or dropped: the journey's latest move.
    case 'StepPlanned':
    case 'StepTaken':
    case 'StepDropped':
      return { lastStepId: event.data.stepId };
    case 'ReflectionRecorded':
      return { lastReflectionId: event.data.reflectionId };
    case 'JourneyPaused':
      return { status: 'PAUSED' };
    case 'JourneyResumed':
      return { status: 'ACTIVE' };
    case 'JourneyCompleted':
      return { status: 'COMPLETED' };
    case 'JourneyAbandoned':
      return { status: 'ABANDONED' };
    case 'JourneyStarted':
    case 'SupportRequested':
    case 'SupportOffered':
    case 'CommitmentMade':
    case 'CommitmentKept':
    case 'CommitmentMissed':
      return {};
  }
};

const insertSummary: EventHandler<JourneyStarted> = async (tx, { data }, recorded) => {
  await tx.query(
    `INSERT INTO journeys (tenant_id, journey_id, team_id, title, status, started_by, started_at, version, updated_at)
     VALUES ($1, $2, $3, $4, 'ACTIVE', $5, $6, $7, $6) ON CONFLICT (tenant_id, journey_id) DO NOTHING`,
    [recorded.tenantId, data.journeyId, data.teamId, data.title, data.startedBy, data.at, recorded.streamVersion],
  );
};

const updateSummary: EventHandler<JourneyEvent> = async (tx, event, recorded) => {
  const { journeyId, at } = event.data;
  const change = changeOf(event);
  await tx.query(
    `UPDATE journeys SET status = COALESCE($4, status), vision_version = COALESCE($5, vision_version),
       direction = COALESCE($6, direction), last_step_id = COALESCE($7, last_step_id),
       last_reflection_id = COALESCE($8, last_reflection_id), version = $3, updated_at = $9
     WHERE tenant_id = $1 AND journey_id = $2 AND version < $3`,
    [
      recorded.tenantId,
      journeyId,
      recorded.streamVersion,
      change.status ?? null,
      change.visionVersion ?? null,
      change.direction ?? null,
      change.lastStepId ?? null,
      change.lastReflectionId ?? null,
      at,
    ],
  );
};

/**
 * One row per journey: status, the current vision and direction, pointers to the last step and
 * reflection (joined when read), and the stream version it reflects. Every journey event moves the
 * version, so the row says how fresh it is; the `version <` guard makes a replayed event a no-op.
 */
export const journeySummaryProjection = defineProjection<JourneyEvent>({
  name: 'journey-summary',
  tables: ['journeys'],
  events: journeyEventSchemaVersions,
  handlers: {
    JourneyStarted: insertSummary,
    VisionArticulated: updateSummary,
    VisionRevised: updateSummary,
    DirectionSet: updateSummary,
    StepPlanned: updateSummary,
    StepTaken: updateSummary,
    StepDropped: updateSummary,
    ReflectionRecorded: updateSummary,
    PivotMade: updateSummary,
    SupportRequested: updateSummary,
    SupportOffered: updateSummary,
    CommitmentMade: updateSummary,
    CommitmentKept: updateSummary,
    CommitmentMissed: updateSummary,
    JourneyPaused: updateSummary,
    JourneyResumed: updateSummary,
    JourneyCompleted: updateSummary,
    JourneyAbandoned: updateSummary,
  },
});
