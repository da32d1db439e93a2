import type { SqlExecutor } from '@stepwise/database';
import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineProjection, type EventHandler } from '@stepwise/projections';
import { renderTimelineLine, subjectIdOf } from './timeline-sentence.renderer';

const appendLine: EventHandler<JourneyEvent> = async (tx, event, recorded) => {
  const { journeyId, at } = event.data;
  const line = renderTimelineLine(event, await knownTitle(tx, recorded.tenantId, journeyId, subjectIdOf(event)));
  await tx.query(
    `INSERT INTO journey_timeline (tenant_id, journey_id, sequence, event_id, event_type, actor_id, summary, subject_member_id,
       subject_id, subject_title, note, note_author_id, comfort, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (tenant_id, journey_id, sequence) DO NOTHING`,
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
      line.comfort,
      at,
    ],
  );
};

/**
 * One line per journey event, in stream order. The projection reads only its own table (for the
 * title of a step or commitment an event names), so it can run and be rebuilt on its own.
 */
export const journeyTimelineProjection = defineProjection<JourneyEvent>({
  name: 'journey-timeline',
  tables: ['journey_timeline'],
  events: journeyEventSchemaVersions,
  // Every journey event is a line: a new one needs its sentence (renderTimelineLine) and its entry here.
  handlers: {
    JourneyStarted: appendLine,
    VisionArticulated: appendLine,
    VisionRevised: appendLine,
    DirectionSet: appendLine,
    StepPlanned: appendLine,
    StepTaken: appendLine,
    StepDropped: appendLine,
    ReflectionRecorded: appendLine,
    PivotMade: appendLine,
    SupportRequested: appendLine,
    SupportOffered: appendLine,
    CommitmentMade: appendLine,
    CommitmentKept: appendLine,
    CommitmentMissed: appendLine,
    JourneyPaused: appendLine,
    JourneyResumed: appendLine,
    JourneyCompleted: appendLine,
    JourneyAbandoned: appendLine,
  },
});

const knownTitle = async (tx: SqlExecutor, tenantId: string, journeyId: string, subjectId: string | null): Promise<string | null> => {
  if (subjectId === null) return null;
  const { rows } = await tx.query<{ subject_title: string }>(
    `SELECT subject_title FROM journey_timeline
     WHERE tenant_id = $1 AND journey_id = $2 AND subject_id = $3 AND subject_title IS NOT NULL ORDER BY sequence LIMIT 1`,
    [tenantId, journeyId, subjectId],
  );
  return rows[0]?.subject_title ?? null;
};
