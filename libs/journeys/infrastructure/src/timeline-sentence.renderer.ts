/**
 * Renders a journey event as the part of a timeline sentence that follows the actor's name, e.g.
 * `took the step "Run a pilot"`. Names are not rendered here: they are joined from org_members when
 * the timeline is read, so a renamed (or erased) member is shown as they are now.
 */
import type { JourneyEvent } from '@stepwise/journeys-domain';

/**
 * Stands for a second member's name (whose step, to whom support went). Templates put it before
 * any user text, and readers replace only its first occurrence, so text a user typed that happens
 * to contain it is never touched.
 */
export const MEMBER_TOKEN = '{member}';

export interface TimelineLine {
  readonly actorId: string;
  readonly summary: string;
  /** The member MEMBER_TOKEN stands for; null when the summary has no token. */
  readonly subjectMemberId: string | null;
  readonly subjectId: string | null;
  readonly subjectTitle: string | null;
  readonly note: string | null;
  readonly noteAuthorId: string | null;
  /** A reflection's comfort, kept out of the summary: who may see it depends on who reads. */
  readonly comfort: number | null;
}

/** The step or commitment an event is about: later lines name it by the title stored with earlier ones. */
export const subjectIdOf = (event: JourneyEvent): string | null => {
  switch (event.type) {
    case 'StepPlanned':
    case 'StepTaken':
    case 'StepDropped':
    case 'ReflectionRecorded':
      return event.data.stepId;
    case 'CommitmentMade':
    case 'CommitmentKept':
    case 'CommitmentMissed':
      return event.data.commitmentId;
    default:
      return null;
  }
};

const quoted = (text: string): string => `"${text}"`;
/** ` "Run a pilot"`, or nothing when the title is unknown (the line still reads: "took the step"). */
const titled = (title: string | null): string => (title === null ? '' : ` ${quoted(title)}`);

const line = (actorId: string, summary: string, extra: Partial<TimelineLine> = {}): TimelineLine => ({
  actorId,
  summary,
  subjectMemberId: null,
  subjectId: null,
  subjectTitle: null,
  note: null,
  noteAuthorId: null,
  comfort: null,
  ...extra,
});

/** Acting on one's own thing reads "took the step"; on someone else's, "marked {member}'s step … as taken". */
const ownOrTheirs = (actorId: string, ownerId: string, own: string, theirs: string, extra: Partial<TimelineLine>): TimelineLine =>
  actorId === ownerId ? line(actorId, own, extra) : line(actorId, theirs, { ...extra, subjectMemberId: ownerId });

/**
 * `knownTitle` is the title stored with an earlier line about the same step or commitment (null
 * when none). Support needs and offers stay out of the timeline: they are personal, like notes.
 */
export const renderTimelineLine = (event: JourneyEvent, knownTitle: string | null): TimelineLine => {
  const subject = { subjectId: subjectIdOf(event), subjectTitle: knownTitle };
  switch (event.type) {
    case 'JourneyStarted':
      return line(event.data.startedBy, `started the journey ${quoted(event.data.title)}`);
    case 'VisionArticulated':
      return line(event.data.articulatedBy, `articulated the vision: ${quoted(event.data.statement)}`);
    case 'VisionRevised':
      return line(event.data.revisedBy, `revised the vision (version ${event.data.version}) to ${quoted(event.data.statement)}: ${event.data.reason}`);
    case 'DirectionSet':
      return line(event.data.setBy, `set the direction ${quoted(event.data.direction)}`);
    case 'StepPlanned': {
      const { plannedBy, ownerId, title, dueOn } = event.data;
      const due = dueOn === null ? '' : `, due ${dueOn}`;
      return ownOrTheirs(plannedBy, ownerId, `planned the step ${quoted(title)}${due}`, `planned a step for ${MEMBER_TOKEN}: ${quoted(title)}${due}`, {
        ...subject,
        subjectTitle: title,
      });
    }
    case 'StepTaken':
      return ownOrTheirs(
        event.data.takenBy,
        event.data.ownerId,
        `took the step${titled(knownTitle)}`,
        `marked ${MEMBER_TOKEN}'s step${titled(knownTitle)} as taken`,
        subject,
      );
    case 'StepDropped':
      return ownOrTheirs(
        event.data.droppedBy,
        event.data.ownerId,
        `dropped the step${titled(knownTitle)}: ${event.data.reason}`,
        `dropped ${MEMBER_TOKEN}'s step${titled(knownTitle)}: ${event.data.reason}`,
        subject,
      );
    case 'ReflectionRecorded': {
      const { memberId, closer, comfort, note, stepId } = event.data;
      const about = stepId === null ? '' : ` on the step${titled(knownTitle)}`;
      return line(memberId, `reflected${about}: closer? ${closer}`, { ...subject, note, noteAuthorId: note === null ? null : memberId, comfort });
    }
    case 'PivotMade':
      return line(event.data.pivotedBy, `pivoted from ${quoted(event.data.fromDirection)} to ${quoted(event.data.toDirection)}: ${event.data.reason}`);
    case 'SupportRequested':
      return line(event.data.memberId, 'asked for support');
    case 'SupportOffered':
      return line(event.data.leaderId, `offered support to ${MEMBER_TOKEN}`, { subjectMemberId: event.data.requestedBy });
    case 'CommitmentMade': {
      const { madeBy, memberId, description, dueOn } = event.data;
      return ownOrTheirs(
        madeBy,
        memberId,
        `committed to ${quoted(description)} by ${dueOn}`,
        `recorded a commitment for ${MEMBER_TOKEN}: ${quoted(description)} by ${dueOn}`,
        { ...subject, subjectTitle: description },
      );
    }
    case 'CommitmentKept':
      return ownOrTheirs(
        event.data.markedBy,
        event.data.memberId,
        `kept the commitment${titled(knownTitle)}`,
        `marked ${MEMBER_TOKEN}'s commitment${titled(knownTitle)} as kept`,
        subject,
      );
    case 'CommitmentMissed':
      return ownOrTheirs(
        event.data.markedBy,
        event.data.memberId,
        `missed the commitment${titled(knownTitle)}`,
        `marked ${MEMBER_TOKEN}'s commitment${titled(knownTitle)} as missed`,
        subject,
      );
    case 'JourneyPaused':
      return line(event.data.pausedBy, `paused the journey: ${event.data.reason}`);
    case 'JourneyResumed':
      return line(event.data.resumedBy, 'resumed the journey');
    case 'JourneyCompleted':
      return line(event.data.completedBy, event.data.summary === null ? 'completed the journey' : `completed the journey: ${event.data.summary}`);
    case 'JourneyAbandoned':
      return line(event.data.abandonedBy, `abandoned the journey: ${event.data.reason}`);
  }
};

/** What a reflection line says after its summary for a reader who may see the comfort. */
export const comfortClause = (comfort: number): string => `, comfort ${comfort}/5`;

/** The full sentence: the actor's name, then the summary with the second member's name in place. */
export const timelineSentence = (actorName: string, summary: string, subjectMemberName: string | null): string => {
  const tail = subjectMemberName === null ? summary : summary.replace(MEMBER_TOKEN, () => subjectMemberName);
  return `${actorName} ${tail}`;
};
