import { journeyEventSchemaVersions, type JourneyEvent } from '@stepwise/journeys-domain';
import { defineRowProjection, type RowHandler } from '@stepwise/projections';
import { journeyTimelineTable, type TimelineRow } from './journeys.tables';
import { renderTimelineLine, subjectIdOf } from './timeline-sentence.renderer';

const tables = { timeline: journeyTimelineTable };

/** The title stored with the earliest line about the subject that has one. */
const firstTitle = (lines: readonly TimelineRow[]): string | null => {
  let first: TimelineRow | undefined;
  for (const line of lines) if (line.subject_title !== null && (first === undefined || line.sequence < first.sequence)) first = line;
  return first?.subject_title ?? null;
};

/** The line that names a step or a commitment: the first about it, carrying its title. */
const namingTypeOf = (event: JourneyEvent): 'StepPlanned' | 'CommitmentMade' =>
  event.type === 'CommitmentKept' || event.type === 'CommitmentMissed' ? 'CommitmentMade' : 'StepPlanned';

const appendLine: RowHandler<JourneyEvent, typeof tables> = async ({ timeline }, event, recorded) => {
  const { journeyId, at } = event.data;
  const subjectId = subjectIdOf(event);
  // A step's or commitment's first line carries its own title; later lines look it up.
  const named = event.type === 'StepPlanned' || event.type === 'CommitmentMade';
  const title =
    subjectId === null || named
      ? null
      : firstTitle(await timeline.where({ tenant_id: recorded.tenantId, journey_id: journeyId, subject_id: subjectId, event_type: namingTypeOf(event) }));
  const line = renderTimelineLine(event, title);
  timeline.insert({
    tenant_id: recorded.tenantId,
    journey_id: journeyId,
    sequence: recorded.streamVersion,
    event_id: recorded.id,
    event_type: event.type,
    actor_id: line.actorId,
    summary: line.summary,
    subject_member_id: line.subjectMemberId,
    subject_id: line.subjectId,
    subject_title: line.subjectTitle,
    note: line.note,
    note_author_id: line.noteAuthorId,
    at,
    comfort: line.comfort,
  });
};

/**
 * One line per journey event, in stream order. The projection reads only its own table (for the
 * title of a step or commitment an event names), so it can run and be rebuilt on its own.
 */
export const journeyTimelineProjection = defineRowProjection<JourneyEvent, typeof tables>({
  name: 'journey-timeline',
  tables,
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
