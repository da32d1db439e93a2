import { journeyEventSchemaVersions, type CommitmentKept, type CommitmentMissed, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineProjection, SKIP, type EventHandler } from '@stepwise/projections';

const resolve: EventHandler<CommitmentKept | CommitmentMissed> = async (tx, event, recorded) => {
  await tx.query(
    `UPDATE commitments SET status = $4, resolved_by = $5, resolved_at = $6 WHERE tenant_id = $1 AND journey_id = $2 AND commitment_id = $3`,
    [recorded.tenantId, event.data.journeyId, event.data.commitmentId, event.type === 'CommitmentKept' ? 'KEPT' : 'MISSED', event.data.markedBy, event.data.at],
  );
};

/** Commitments members made, and whether each was kept or missed: accountability, per member. */
export const commitmentsProjection = defineProjection<JourneyEvent>({
  name: 'commitments',
  tables: ['commitments'],
  events: journeyEventSchemaVersions,
  handlers: {
    async CommitmentMade(tx, { data }, recorded) {
      const { journeyId, commitmentId, teamId, memberId, description, dueOn, madeBy, at } = data;
      await tx.query(
        `INSERT INTO commitments (tenant_id, journey_id, commitment_id, team_id, member_id, description, due_on, status, made_by, made_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9) ON CONFLICT (tenant_id, journey_id, commitment_id) DO NOTHING`,
        [recorded.tenantId, journeyId, commitmentId, teamId, memberId, description, dueOn, madeBy, at],
      );
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
