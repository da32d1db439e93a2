import { journeyEventSchemaVersions, type JourneyEvent, type VisionArticulated, type VisionRevised } from '@stepwise/journeys-domain';
import { defineProjection, SKIP, type EventHandler } from '@stepwise/projections';

const recordVersion: EventHandler<VisionArticulated | VisionRevised> = async (tx, event, recorded) => {
  const { data } = event;
  const [reason, by] = event.type === 'VisionRevised' ? [event.data.reason, event.data.revisedBy] : [null, event.data.articulatedBy];
  await tx.query(
    `INSERT INTO vision_versions (tenant_id, journey_id, version, statement, expectations, success_signals, reason, changed_by, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, journey_id, version) DO NOTHING`,
    [recorded.tenantId, data.journeyId, data.version, data.statement, JSON.stringify(data.expectations), JSON.stringify(data.successSignals), reason, by, data.at],
  );
};

/** Every version of a journey's vision, kept side by side: a revision never overwrites the past. */
export const visionHistoryProjection = defineProjection<JourneyEvent>({
  name: 'vision-history',
  tables: ['vision_versions'],
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
