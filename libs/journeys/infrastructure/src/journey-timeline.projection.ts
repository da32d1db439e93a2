import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';
import { journeyEventTypes, type JourneyEvent } from '@stepwise/journeys-domain';
import type { Projection } from '@stepwise/projections';
import { journeyEventOf } from './journey-event.mapper';
import { renderTimelineLine, subjectIdOf } from './timeline-sentence.renderer';

/**
 * One line per journey event, in stream order. The projection reads only its own table (for the
 * title of a step or commitment an event names), so it can run and be rebuilt on its own.
 */
export const journeyTimelineProjection: Projection = {
  name: 'journey-timeline',
  eventTypes: journeyEventTypes,
  tables: ['journey_timeline'],
  async apply(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    const event = journeyEventOf<JourneyEvent>(recorded);
    const { journeyId, at } = event.data;
    const line = renderTimelineLine(event, await knownTitle(tx, recorded.tenantId, journeyId, subjectIdOf(event)));
    await tx.query(
      `INSERT INTO journey_timeline (tenant_id, journey_id, sequence, event_id, event_type, actor_id, summary, subject_member_id,
         subject_id, subject_title, note, note_author_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (tenant_id, journey_id, sequence) DO NOTHING`,
      [
        recorded.tenantId,
        journeyId,
        recorded.streamVersion,
        recorded.id,
        event.type,
        line.actorId,
        line.summary,
        line.subjectMemberId,
        line.subjectId,
        line.subjectTitle,
        line.note,
        line.noteAuthorId,
        at,
      ],
    );
  },
};

const knownTitle = async (tx: SqlExecutor, tenantId: string, journeyId: string, subjectId: string | null): Promise<string | null> => {
  if (subjectId === null) return null;
  const { rows } = await tx.query<{ subject_title: string }>(
    `SELECT subject_title FROM journey_timeline
     WHERE tenant_id = $1 AND journey_id = $2 AND subject_id = $3 AND subject_title IS NOT NULL ORDER BY sequence LIMIT 1`,
    [tenantId, journeyId, subjectId],
  );
  return rows[0]?.subject_title ?? null;
};
