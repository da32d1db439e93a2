import { journeyEventSchemaVersions, type JourneyEvent, type JourneyStatus } from '@stepwise/journeys-domain';
import { defineRowProjection, type RowHandler } from '@stepwise/projections';
import { JOURNEYS_CHANGES_CHANNEL } from './journeys-changes.channel';
import { journeysTable } from './journeys.tables';

const tables = { journeys: journeysTable };

/** What one event changes in a journey's summary row; absent fields stay as they are. */
interface SummaryChange {
  status?: JourneyStatus;
  visionVersion?: number;
  direction?: string;
  lastStepId?: string;
  lastReflectionId?: string;
}

const changeOf = (event: JourneyEvent): SummaryChange => {
  switch (event.type) {
    case 'VisionArticulated':
    case 'VisionRevised':
      return { visionVersion: event.data.version };
    case 'DirectionSet':
      return { direction: event.data.direction };
    case 'PivotMade':
      return { direction: event.data.toDirection };
    // The last step is the one most recently planned, taken or dropped: the journey's latest move.
    case 'StepPlanned':
    case 'StepTaken':
    case 'StepDropped':
      return { lastStepId: event.data.stepId };
    case 'ReflectionRecorded':
      return { lastReflectionId: event.data.reflectionId };
    case 'JourneyPaused':
      return { status: 'PAUSED' };
    case 'JourneyResumed':
      return { status: 'ACTIVE' };
    case 'JourneyCompleted':
      return { status: 'COMPLETED' };
    case 'JourneyAbandoned':
      return { status: 'ABANDONED' };
    case 'JourneyStarted':
    case 'SupportRequested':
    case 'SupportOffered':
    case 'CommitmentMade':
    case 'CommitmentKept':
    case 'CommitmentMissed':
      return {};
  }
};

const updateSummary: RowHandler<JourneyEvent, typeof tables> = async ({ journeys }, event, recorded) => {
  const change = changeOf(event);
  // An event the row already reflects (its stream version at or below the row's) changes nothing.
  await journeys.update({ tenant_id: recorded.tenantId, journey_id: event.data.journeyId }, (journey) =>
    journey.version < recorded.streamVersion
      ? {
          status: change.status ?? journey.status,
          vision_version: change.visionVersion ?? journey.vision_version,
          direction: change.direction ?? journey.direction,
          last_step_id: change.lastStepId ?? journey.last_step_id,
          last_reflection_id: change.lastReflectionId ?? journey.last_reflection_id,
          version: recorded.streamVersion,
          updated_at: event.data.at,
        }
      : undefined,
  );
};

/**
 * One row per journey: status, the current vision and direction, pointers to the last step and
 * reflection (joined when read), and the stream version it reflects. Every journey event moves the
 * version, so the row says how fresh it is. Every batch holding a tenant's journey events notifies
 * JOURNEYS_CHANGES_CHANNEL for it.
 */
export const journeySummaryProjection = defineRowProjection<JourneyEvent, typeof tables>({
  name: 'journey-summary',
  notify: { channel: JOURNEYS_CHANGES_CHANNEL, on: 'handled' },
  tables,
  events: journeyEventSchemaVersions,
  handlers: {
    JourneyStarted({ journeys }, { data }, recorded) {
      journeys.insert({
        tenant_id: recorded.tenantId,
        journey_id: data.journeyId,
        team_id: data.teamId,
        title: data.title,
        status: 'ACTIVE',
        started_by: data.startedBy,
        started_at: data.at,
        vision_version: null,
        direction: null,
        last_step_id: null,
        last_reflection_id: null,
        version: recorded.streamVersion,
        updated_at: data.at,
      });
    },
    VisionArticulated: updateSummary,
    VisionRevised: updateSummary,
    DirectionSet: updateSummary,
    StepPlanned: updateSummary,
    StepTaken: updateSummary,
    StepDropped: updateSummary,
    ReflectionRecorded: updateSummary,
    PivotMade: updateSummary,
    SupportRequested: updateSummary,
    SupportOffered: updateSummary,
    CommitmentMade: updateSummary,
    CommitmentKept: updateSummary,
    CommitmentMissed: updateSummary,
    JourneyPaused: updateSummary,
    JourneyResumed: updateSummary,
    JourneyCompleted: updateSummary,
    JourneyAbandoned: updateSummary,
  },
});
