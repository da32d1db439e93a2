/**
 * Which owed nudges ask for a reflection, and so carry one-tap answers: a step taken and not yet
 * reflected on (REFLECT, about that step), and a revised vision to read and then reflect on
 * (VISION_REVISED, about the journey as a whole). Other nudges carry no answer links.
 */
import type { OwedNudge } from '../owed-nudge';
import type { AnswerLinkSubject } from './answer-link.claims';

export const answerLinkSubjectOf = (nudge: OwedNudge): AnswerLinkSubject | null => {
  const { journeyId } = nudge.subject;
  if (journeyId === null) return null;
  const base = { tenantId: nudge.organisationId, memberId: nudge.recipientId, journeyId, nudgeId: nudge.nudgeId };
  if (nudge.rule === 'REFLECT') return { ...base, stepId: nudge.subject.subjectId };
  if (nudge.rule === 'VISION_REVISED') return { ...base, stepId: null };
  return null;
};
