import type { JourneyEvent } from '@stepwise/journeys-domain';
import { comfortClause, MEMBER_TOKEN, renderTimelineLine, subjectIdOf, timelineSentence } from './timeline-sentence.renderer';

const base = { journeyId: 'j-1', teamId: 't-1', at: '2026-03-02T09:00:00.000Z' };
const event = <T extends JourneyEvent['type']>(type: T, data: Omit<Extract<JourneyEvent, { type: T }>['data'], keyof typeof base>): JourneyEvent =>
  ({ type, data: { ...base, ...data } }) as unknown as JourneyEvent;

const reflection = (note: string | null, stepId: string | null) =>
  event('ReflectionRecorded', { reflectionId: 'r-1', memberId: 'ben', closer: 'NO', comfort: 2, note, stepId, visionVersion: 1, direction: 'X' });

describe('timeline sentences', () => {
  it('names the step an event is about by the title it was planned with', () => {
    expect(renderTimelineLine(event('StepTaken', { stepId: 's-1', ownerId: 'ada', takenBy: 'ada', takenAt: base.at }), 'Run a pilot')).toMatchObject({
      actorId: 'ada',
      summary: 'took the step "Run a pilot"',
      subjectId: 's-1',
      subjectMemberId: null,
    });
  });

  it('still reads when the title is unknown', () => {
    expect(renderTimelineLine(event('StepTaken', { stepId: 's-1', ownerId: 'ada', takenBy: 'ada', takenAt: base.at }), null).summary).toBe('took the step');
  });

  it("names the owner when someone else acts on their step", () => {
    const line = renderTimelineLine(event('StepDropped', { stepId: 's-1', ownerId: 'ben', reason: 'No time', droppedBy: 'ada' }), 'Run a pilot');
    expect(line).toMatchObject({ actorId: 'ada', summary: `dropped ${MEMBER_TOKEN}'s step "Run a pilot": No time`, subjectMemberId: 'ben' });
    expect(timelineSentence('Ada', line.summary, 'Ben')).toBe('Ada dropped Ben\'s step "Run a pilot": No time');
  });

  it('keeps a reflection note and its comfort out of the sentence, and credits the note to its author', () => {
    const line = renderTimelineLine(reflection('I felt exposed', null), null);
    expect(line).toMatchObject({ summary: 'reflected: closer? NO', note: 'I felt exposed', noteAuthorId: 'ben', comfort: 2 });
    expect(renderTimelineLine(reflection(null, 's-1'), 'Run a pilot')).toMatchObject({
      summary: 'reflected on the step "Run a pilot": closer? NO',
      note: null,
      noteAuthorId: null,
      comfort: 2,
    });
    expect(`reflected: closer? NO${comfortClause(2)}`).toBe('reflected: closer? NO, comfort 2/5');
  });

  it('gives no comfort to a line that is not a reflection', () => {
    expect(renderTimelineLine(event('StepTaken', { stepId: 's-1', ownerId: 'ben', takenBy: 'ben', takenAt: '2026-03-02T09:00:00.000Z' }), null).comfort).toBeNull();
  });

  it('keeps what someone asked for, and what a leader answered, out of the sentence', () => {
    expect(renderTimelineLine(event('SupportRequested', { requestId: 'q-1', memberId: 'ben', need: 'I feel lost' }), null).summary).toBe('asked for support');
    expect(
      renderTimelineLine(event('SupportOffered', { requestId: 'q-1', requestedBy: 'ben', leaderId: 'ada', message: 'Let us talk' }), null).summary,
    ).toBe(`offered support to ${MEMBER_TOKEN}`);
  });

  it('renders a pivot with both directions and the reason', () => {
    const pivot = event('PivotMade', { pivotId: 'p-1', fromDirection: 'X', toDirection: 'Y', reason: 'Not closer', reflectionIds: [], pivotedBy: 'ben' });
    expect(timelineSentence('Ben', renderTimelineLine(pivot, null).summary, null)).toBe('Ben pivoted from "X" to "Y": Not closer');
  });

  it('replaces only the placeholder it wrote, never one in user text or a name', () => {
    expect(timelineSentence('A $&', `offered support to ${MEMBER_TOKEN}: "${MEMBER_TOKEN}"`, '$1 B')).toBe(`A $& offered support to $1 B: "${MEMBER_TOKEN}"`);
    expect(timelineSentence('Ada', `started the journey "${MEMBER_TOKEN}"`, null)).toBe(`Ada started the journey "${MEMBER_TOKEN}"`);
  });

  it('knows which events are about a step or commitment', () => {
    expect(subjectIdOf(event('CommitmentKept', { commitmentId: 'c-1', memberId: 'ben', markedBy: 'ben' }))).toBe('c-1');
    expect(subjectIdOf(reflection(null, null))).toBeNull();
    expect(subjectIdOf(event('JourneyResumed', { resumedBy: 'ada' }))).toBeNull();
  });
});
