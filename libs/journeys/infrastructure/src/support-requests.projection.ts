import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineProjection, SKIP } from '@stepwise/projections';

/**
 * Requests for support and the first leader response to each. A request is open until a leader
 * first offers support (as in the journey's own state); later offers are on the timeline.
 */
export const supportRequestsProjection = defineProjection<JourneyEvent>({
  name: 'support-requests',
  tables: ['support_requests'],
  events: journeyEventSchemaVersions,
  handlers: {
    async SupportRequested(tx, { data }, recorded) {
      const { journeyId, requestId, teamId, memberId, need, at } = data;
      await tx.query(
        `INSERT INTO support_requests (tenant_id, journey_id, request_id, team_id, member_id, need, status, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7) ON CONFLICT (tenant_id, journey_id, request_id) DO NOTHING`,
        [recorded.tenantId, journeyId, requestId, teamId, memberId, need, at],
      );
    },
    async SupportOffered(tx, { data }, recorded) {
      await tx.query(
        `UPDATE support_requests SET status = 'OFFERED', offered_by = $4, offer_message = $5, offered_at = $6
         WHERE tenant_id = $1 AND journey_id = $2 AND request_id = $3 AND status = 'OPEN'`,
        [recorded.tenantId, data.journeyId, data.requestId, data.leaderId, data.message, data.at],
      );
    },
    JourneyStarted: SKIP,
    VisionArticulated: SKIP,
    VisionRevised: SKIP,
    DirectionSet: SKIP,
    StepPlanned: SKIP,
    StepTaken: SKIP,
    StepDropped: SKIP,
    ReflectionRecorded: SKIP,
    PivotMade: SKIP,
    CommitmentMade: SKIP,
    CommitmentKept: SKIP,
    CommitmentMissed: SKIP,
    JourneyPaused: SKIP,
    JourneyResumed: SKIP,
    JourneyCompleted: SKIP,
    JourneyAbandoned: SKIP,
  },
});
