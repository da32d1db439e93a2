import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import type { ReflectionRecorded, StepDropped, StepPlanned, StepTaken } from '@stepwise/journeys-domain';
import type { Projection } from '@stepwise/projections';
import { journeyEventOf } from './journey-event.mapper';

type StepEvent = StepPlanned | StepTaken | StepDropped | ReflectionRecorded;

/**
 * Steps with their status, and whether their owner has reflected about them yet: a member's open
 * steps and the steps still waiting for their "are we closer?".
 */
export const journeyStepsProjection: Projection = {
  name: 'journey-steps',
  eventTypes: ['StepPlanned', 'StepTaken', 'StepDropped', 'ReflectionRecorded'],
  tables: ['journey_steps'],
  async apply(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    const event = journeyEventOf<StepEvent>(recorded);
    const tenantId = recorded.tenantId;
    switch (event.type) {
      case 'StepPlanned': {
        const { journeyId, stepId, teamId, title, ownerId, dueOn, plannedBy, at } = event.data;
        await tx.query(
          `INSERT INTO journey_steps (tenant_id, journey_id, step_id, team_id, title, owner_id, due_on, status, planned_by, planned_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'PLANNED', $8, $9) ON CONFLICT (tenant_id, journey_id, step_id) DO NOTHING`,
          [tenantId, journeyId, stepId, teamId, title, ownerId, dueOn, plannedBy, at],
        );
        return;
      }
      case 'StepTaken':
        await tx.query(
          `UPDATE journey_steps SET status = 'TAKEN', taken_by = $4, taken_at = $5 WHERE tenant_id = $1 AND journey_id = $2 AND step_id = $3`,
          [tenantId, event.data.journeyId, event.data.stepId, event.data.takenBy, event.data.takenAt],
        );
        return;
      case 'StepDropped':
        await tx.query(
          `UPDATE journey_steps SET status = 'DROPPED', dropped_by = $4, drop_reason = $5, dropped_at = $6
           WHERE tenant_id = $1 AND journey_id = $2 AND step_id = $3`,
          [tenantId, event.data.journeyId, event.data.stepId, event.data.droppedBy, event.data.reason, event.data.at],
        );
        return;
      case 'ReflectionRecorded':
        // Only the owner's own reflection settles "awaiting reflection"; a leader's about it does not.
        if (event.data.stepId === null) return;
        await tx.query(
          `UPDATE journey_steps SET owner_reflected = true WHERE tenant_id = $1 AND journey_id = $2 AND step_id = $3 AND owner_id = $4`,
          [tenantId, event.data.journeyId, event.data.stepId, event.data.memberId],
        );
        return;
    }
  },
};
