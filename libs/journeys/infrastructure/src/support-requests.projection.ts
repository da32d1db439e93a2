import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineRowProjection, SKIP } from '@stepwise/projections';
import { supportRequestsTable } from './journeys.tables';

const tables = { requests: supportRequestsTable };

/**
 * Requests for support and the first leader response to each. A request is open until a leader
 * first offers support (as in the journey's own state); later offers are on the timeline.
 */
export const supportRequestsProjection = defineRowProjection<JourneyEvent, typeof tables>({
  name: 'support-requests',
  tables,
  events: journeyEventSchemaVersions,
  handlers: {
    SupportRequested({ requests }, { data }, recorded) {
      requests.insert({
        tenant_id: recorded.tenantId,
        journey_id: data.journeyId,
        request_id: data.requestId,
        team_id: data.teamId,
        member_id: data.memberId,
        need: data.need,
        status: 'OPEN',
        requested_at: data.at,
        offered_by: null,
        offer_message: null,
        offered_at: null,
      });
    },
    async SupportOffered({ requests }, { data }, recorded) {
      await requests.update({ tenant_id: recorded.tenantId, journey_id: data.journeyId, request_id: data.requestId }, (request) =>
        request.status === 'OPEN' ? { status: 'OFFERED', offered_by: data.leaderId, offer_message: data.message, offered_at: data.at } : undefined,
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
