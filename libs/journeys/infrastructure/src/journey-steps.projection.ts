import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineRowProjection, SKIP } from '@stepwise/projections';
import { journeyStepsTable } from './journeys.tables';

const tables = { steps: journeyStepsTable };

/**
 * Steps with their status, and whether their owner has reflected about them yet: a member's open
 * steps and the steps still waiting for their "are we closer?".
 */
export const journeyStepsProjection = defineRowProjection<JourneyEvent, typeof tables>({
  name: 'journey-steps',
  tables,
  events: journeyEventSchemaVersions,
  handlers: {
    StepPlanned({ steps }, { data }, recorded) {
      steps.insert({
        tenant_id: recorded.tenantId,
        journey_id: data.journeyId,
        step_id: data.stepId,
        team_id: data.teamId,
        title: data.title,
        owner_id: data.ownerId,
        due_on: data.dueOn,
        status: 'PLANNED',
        planned_by: data.plannedBy,
        planned_at: data.at,
        taken_by: null,
        taken_at: null,
        dropped_by: null,
        drop_reason: null,
        dropped_at: null,
        owner_reflected: false,
      });
    },
    async StepTaken({ steps }, { data }, recorded) {
      await steps.update(
        { tenant_id: recorded.tenantId, journey_id: data.journeyId, step_id: data.stepId },
        { status: 'TAKEN', taken_by: data.takenBy, taken_at: data.takenAt },
      );
    },
    async StepDropped({ steps }, { data }, recorded) {
      await steps.update(
        { tenant_id: recorded.tenantId, journey_id: data.journeyId, step_id: data.stepId },
        { status: 'DROPPED', dropped_by: data.droppedBy, drop_reason: data.reason, dropped_at: data.at },
      );
    },
    async ReflectionRecorded({ steps }, { data }, recorded) {
      // Only the owner's own reflection settles "awaiting reflection"; a leader's about it does not.
      if (data.stepId === null) return;
      await steps.update({ tenant_id: recorded.tenantId, journey_id: data.journeyId, step_id: data.stepId }, (step) =>
        step.owner_id === data.memberId ? { owner_reflected: true } : undefined,
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
