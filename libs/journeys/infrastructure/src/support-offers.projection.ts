import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineRowProjection, SKIP } from '@stepwise/projections';
import { supportOffersTable } from './journeys.tables';

const tables = { offers: supportOffersTable };

/**
 * Every offer of support, one row per SupportOffered event (keyed by its place in the journey's
 * stream), with the leader's message: what the asker and the team's leaders read beside the request.
 */
export const supportOffersProjection = defineRowProjection<JourneyEvent, typeof tables>({
  name: 'support-offers',
  tables,
  events: journeyEventSchemaVersions,
  handlers: {
    SupportOffered({ offers }, { data }, recorded) {
      offers.insert({
        tenant_id: recorded.tenantId,
        journey_id: data.journeyId,
        request_id: data.requestId,
        sequence: recorded.streamVersion,
        team_id: data.teamId,
        requested_by: data.requestedBy,
        leader_id: data.leaderId,
        message: data.message,
        offered_at: data.at,
      });
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
    SupportRequested: SKIP,
    CommitmentMade: SKIP,
    CommitmentKept: SKIP,
    CommitmentMissed: SKIP,
    JourneyPaused: SKIP,
    JourneyResumed: SKIP,
    JourneyCompleted: SKIP,
    JourneyAbandoned: SKIP,
  },
});
