import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import type { ReflectionRecorded } from '@stepwise/journeys-domain';
import type { Projection } from '@stepwise/projections';
import { journeyEventOf } from './journey-event.mapper';

/** Reflections as recorded: "closer?" and comfort side by side, never mixed; the note in its own column. */
export const reflectionsProjection: Projection = {
  name: 'reflections',
  eventTypes: ['ReflectionRecorded'],
  tables: ['reflections'],
  async apply(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    const { data } = journeyEventOf<ReflectionRecorded>(recorded);
    await tx.query(
      `INSERT INTO reflections (tenant_id, journey_id, reflection_id, team_id, member_id, closer, comfort, note, step_id, vision_version, direction, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (tenant_id, journey_id, reflection_id) DO NOTHING`,
      [
        recorded.tenantId,
        data.journeyId,
        data.reflectionId,
        data.teamId,
        data.memberId,
        data.closer,
        data.comfort,
        data.note,
        data.stepId,
        data.visionVersion,
        data.direction,
        data.at,
      ],
    );
  },
};
