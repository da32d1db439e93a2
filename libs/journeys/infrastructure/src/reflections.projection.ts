import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineRowProjection, SKIP } from '@stepwise/projections';
import { reflectionsTable } from './journeys.tables';

const tables = { reflections: reflectionsTable };

/** Reflections as recorded: "closer?" and comfort side by side, never mixed; the note in its own column. */
export const reflectionsProjection = defineRowProjection<JourneyEvent, typeof tables>({
  name: 'reflections',
  tables,
  events: journeyEventSchemaVersions,
  handlers: {
    ReflectionRecorded({ reflections }, { data }, recorded) {
      reflections.insert({
        tenant_id: recorded.tenantId,
        journey_id: data.journeyId,
        reflection_id: data.reflectionId,
        team_id: data.teamId,
        member_id: data.memberId,
        closer: data.closer,
        comfort: data.comfort,
        note: data.note,
        step_id: data.stepId,
        vision_version: data.visionVersion,
        direction: data.direction,
        at: data.at,
      });
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
