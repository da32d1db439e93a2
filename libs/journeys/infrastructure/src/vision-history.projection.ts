import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import type { VisionArticulated, VisionRevised } from '@stepwise/journeys-domain';
import type { Projection } from '@stepwise/projections';
import { journeyEventOf } from './journey-event.mapper';

/** Every version of a journey's vision, kept side by side: a revision never overwrites the past. */
export const visionHistoryProjection: Projection = {
  name: 'vision-history',
  eventTypes: ['VisionArticulated', 'VisionRevised'],
  tables: ['vision_versions'],
  async apply(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    const event = journeyEventOf<VisionArticulated | VisionRevised>(recorded);
    const { data } = event;
    const [reason, by] = event.type === 'VisionRevised' ? [event.data.reason, event.data.revisedBy] : [null, event.data.articulatedBy];
    await tx.query(
      `INSERT INTO vision_versions (tenant_id, journey_id, version, statement, expectations, success_signals, reason, changed_by, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, journey_id, version) DO NOTHING`,
      [recorded.tenantId, data.journeyId, data.version, data.statement, JSON.stringify(data.expectations), JSON.stringify(data.successSignals), reason, by, data.at],
    );
  },
};
