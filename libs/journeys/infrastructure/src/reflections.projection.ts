import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineProjection, SKIP } from '@stepwise/projections';

/** Reflections as recorded: "closer?" and comfort side by side, never mixed; the note in its own column. */
export const reflectionsProjection = defineProjection<JourneyEvent>({
  name: 'reflections',
  tables: ['reflections'],
  events: journeyEventSchemaVersions,
  handlers: {
    async ReflectionRecorded(tx, { data }, recorded) {
      await tx.query(
        `INSERT INTO reflections (tenant_id, journey_id, reflection_id, team_id, member_id, closer, comfort, note, step_id, vision_version, direction, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (tenant_id, journey_id, reflection_id) DO NOTHING`,
        [
          recorded.tenantId,
          data.journeyId,
          data.reflectionId,
          data.teamId,
          data.memberId,
          data.closer,
          data.comfort,
          data.note,
          data.stepId,
          data.visionVersion,
          data.direction,
          data.at,
        ],
      );
    },
    JourneyStarted: SKIP,
    VisionArticulated: SKIP,
    VisionRevised: SKIP,
    DirectionSet: SKIP,
    StepPlanned: SKIP,
    StepTaken: SKIP,
    StepDropped: SKIP,
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
