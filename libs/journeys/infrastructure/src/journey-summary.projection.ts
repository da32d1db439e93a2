import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import { journeyEventTypes, type JourneyEvent, type JourneyStatus } from '@stepwise/journeys-domain';
import type { Projection } from '@stepwise/projections';
import { journeyEventOf } from './journey-event.mapper';

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
    default:
      return {};
  }
};

/**
 * One row per journey: status, the current vision and direction, pointers to the last step and
 * reflection (joined when read), and the stream version it reflects. Every journey event moves the
 * version, so the row says how fresh it is; the `version <` guard makes a replayed event a no-op.
 */
export const journeySummaryProjection: Projection = {
  name: 'journey-summary',
  eventTypes: journeyEventTypes,
  tables: ['journeys'],
  async apply(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    const event = journeyEventOf<JourneyEvent>(recorded);
    const { journeyId, at } = event.data;
    if (event.type === 'JourneyStarted') {
      await tx.query(
        `INSERT INTO journeys (tenant_id, journey_id, team_id, title, status, started_by, started_at, version, updated_at)
         VALUES ($1, $2, $3, $4, 'ACTIVE', $5, $6, $7, $6) ON CONFLICT (tenant_id, journey_id) DO NOTHING`,
        [recorded.tenantId, journeyId, event.data.teamId, event.data.title, event.data.startedBy, at, recorded.streamVersion],
      );
      return;
    }
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
  },
};
