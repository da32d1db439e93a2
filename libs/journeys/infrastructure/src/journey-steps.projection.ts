import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineProjection, SKIP } from '@stepwise/projections';

/**
 * Steps with their status, and whether their owner has reflected about them yet: a member's open
 * steps and the steps still waiting for their "are we closer?".
 */
export const journeyStepsProjection = defineProjection<JourneyEvent>({
  name: 'journey-steps',
  tables: ['journey_steps'],
  events: journeyEventSchemaVersions,
  handlers: {
    async StepPlanned(tx, { data }, recorded) {
      const { journeyId, stepId, teamId, title, ownerId, dueOn, plannedBy, at } = data;
      await tx.query(
        `INSERT INTO journey_steps (tenant_id, journey_id, step_id, team_id, title, owner_id, due_on, status, planned_by, planned_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'PLANNED', $8, $9) ON CONFLICT (tenant_id, journey_id, step_id) DO NOTHING`,
        [recorded.tenantId, journeyId, stepId, teamId, title, ownerId, dueOn, plannedBy, at],
      );
    },
    async StepTaken(tx, { data }, recorded) {
      await tx.query(
        `UPDATE journey_steps SET status = 'TAKEN', taken_by = $4, taken_at = $5 WHERE tenant_id = $1 AND journey_id = $2 AND step_id = $3`,
        [recorded.tenantId, data.journeyId, data.stepId, data.takenBy, data.takenAt],
      );
    },
    async StepDropped(tx, { data }, recorded) {
      await tx.query(
        `UPDATE journey_steps SET status = 'DROPPED', dropped_by = $4, drop_reason = $5, dropped_at = $6
         WHERE tenant_id = $1 AND journey_id = $2 AND step_id = $3`,
        [recorded.tenantId, data.journeyId, data.stepId, data.droppedBy, data.reason, data.at],
      );
    },
    async ReflectionRecorded(tx, { data }, recorded) {
      // Only the owner's own reflection settles "awaiting reflection"; a leader's about it does not.
      if (data.stepId === null) return;
      await tx.query(
        `UPDATE journey_steps SET owner_reflected = true WHERE tenant_id = $1 AND journey_id = $2 AND step_id = $3 AND owner_id = $4`,
        [recorded.tenantId, data.journeyId, data.stepId, data.memberId],
      );
    },
    JourneyStarted: SKIP,
    VisionArticulated: SKIP,
    VisionRevised: SKIP,
    DirectionSet: SKIP,
    PivotMade: SKIP,
    SupportRequested: SKIP,
    SupportOffered: SKIP,
    CommitmentMade: SKIP,
    CommitmentKept: SKIP,
    CommitmentMissed: SKIP,
    JourneyPaused: SKIP,
    JourneyResumed: SKIP,
    JourneyCompleted: SKIP,
    JourneyAbandoned: SKIP,
  },
});
