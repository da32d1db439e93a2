import { journeyEventSchemaVersions, type CommitmentKept, type CommitmentMissed, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineRowProjection, SKIP, type RowHandler } from '@stepwise/projections';
import { commitmentsTable } from './journeys.tables';

const tables = { commitments: commitmentsTable };

const resolve: RowHandler<CommitmentKept | CommitmentMissed, typeof tables> = async ({ commitments }, event, recorded) => {
  await commitments.update(
    { tenant_id: recorded.tenantId, journey_id: event.data.journeyId, commitment_id: event.data.commitmentId },
    { status: event.type === 'CommitmentKept' ? 'KEPT' : 'MISSED', resolved_by: event.data.markedBy, resolved_at: event.data.at },
  );
};

/** Commitments members made, and whether each was kept or missed: accountability, per member. */
export const commitmentsProjection = defineRowProjection<JourneyEvent, typeof tables>({
  name: 'commitments',
  tables,
  events: journeyEventSchemaVersions,
  handlers: {
    CommitmentMade({ commitments }, { data }, recorded) {
      commitments.insert({
        tenant_id: recorded.tenantId,
        journey_id: data.journeyId,
        commitment_id: data.commitmentId,
        team_id: data.teamId,
        member_id: data.memberId,
        description: data.description,
        due_on: data.dueOn,
        status: 'OPEN',
        made_by: data.madeBy,
        made_at: data.at,
        resolved_by: null,
        resolved_at: null,
      });
    },
    CommitmentKept: resolve,
    CommitmentMissed: resolve,
    JourneyStarted: SKIP,
    VisionArticulated: SKIP,
    VisionRevised: SKIP,
    DirectionSet: SKIP,
    StepPlanned: SKIP,
    StepTaken: SKIP,
    StepDropped: SKIP,
    ReflectionRecorded: SKIP,
    PivotMade: SKIP,
    SupportRequested: SKIP,
    SupportOffered: SKIP,
    JourneyPaused: SKIP,
    JourneyResumed: SKIP,
    JourneyCompleted: SKIP,
    JourneyAbandoned: SKIP,
  },
});
