import { journeyEventSchemaVersions, type JourneyEvent, type VisionArticulated, type VisionRevised } from '@stepwise/journeys-domain';
import { defineRowProjection, SKIP, type RowHandler } from '@stepwise/projections';
import { visionVersionsTable } from './journeys.tables';

const tables = { versions: visionVersionsTable };

const recordVersion: RowHandler<VisionArticulated | VisionRevised, typeof tables> = ({ versions }, event, recorded) => {
  const { data } = event;
  const [reason, by] = event.type === 'VisionRevised' ? [event.data.reason, event.data.revisedBy] : [null, event.data.articulatedBy];
  versions.insert({
    tenant_id: recorded.tenantId,
    journey_id: data.journeyId,
    version: data.version,
    statement: data.statement,
    expectations: data.expectations,
    success_signals: data.successSignals,
    reason,
    changed_by: by,
    at: data.at,
  });
};

/** Every version of a journey's vision, kept side by side: a revision never overwrites the past. */
export const visionHistoryProjection = defineRowProjection<JourneyEvent, typeof tables>({
  name: 'vision-history',
  tables,
  events: journeyEventSchemaVersions,
  handlers: {
    VisionArticulated: recordVersion,
    VisionRevised: recordVersion,
    JourneyStarted: SKIP,
    DirectionSet: SKIP,
    StepPlanned: SKIP,
    StepTaken: SKIP,
    StepDropped: SKIP,
    ReflectionRecorded: SKIP,
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
