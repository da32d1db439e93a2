/**
 * How a refused answer reads over HTTP: the status for each code, and for a used link, to the member
 * alone, the answer that stands. Anything without a code is unexpected, logged, and masked.
 */
import { CLOSER_LABELS } from '@stepwise/nudges-infrastructure';
import { isCodedError, NotFoundError, type CodedError } from '@stepwise/kernel';

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  ANSWER_LINK_INVALID: 400,
  VALIDATION_FAILED: 400,
  ANSWER_LINK_MEMBER_NOT_ON_TEAM: 403,
  ANSWER_LINK_NOT_FOR_YOU: 403,
  ANSWER_LINK_USED: 409,
  ANSWER_LINK_EXPIRED: 410,
};

/** 409 for the rest: the journey's or team's state refuses the answer (completed or abandoned, the team read-only); a paused journey still takes reflections. */
export const statusOfRefusal = (error: CodedError): number => STATUS_BY_CODE[error.code] ?? (error instanceof NotFoundError ? 404 : 409);

/**
 * Who reads the refusal. An answer page is read by whoever holds the link (a forwarded email, a mail
 * scanner following it, the organisation's mail server): it never shows the answer that stands,
 * whose comfort is the member's and their leaders'. A Slack reply goes to the tapper Slack names,
 * only once they are known to be the link's member (ANSWER_LINK_NOT_FOR_YOU otherwise).
 */
export type RefusalReader = 'link-holder' | 'member';

/** A refusal a person can act on, or undefined when the error is not a refusal but a fault. */
export const describeRefusal = (error: unknown, reader: RefusalReader): AnswerRefusal | undefined => (isCodedError(error) ? describeCodedRefusal(error, reader) : undefined);

export interface AnswerRefusal {
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
}

/** A refusal's code with its reason ("ANSWER_LINK_INVALID (MALFORMED)"), its message, and for a used link, to its member, the answer that stands. */
export const describeCodedRefusal = (error: CodedError, reader: RefusalReader): AnswerRefusal => {
  const details = error.details ?? {};
  const reason = typeof details.reason === 'string' ? ` (${details.reason})` : '';
  if (error.code === 'ANSWER_LINK_USED' && reader === 'link-holder') return { code: error.code, message: error.message, detail: 'The answer can be read in Stepwise.' };
  if (error.code === 'ANSWER_LINK_USED' && typeof details.closer === 'string' && details.closer in CLOSER_LABELS) {
    const closer = CLOSER_LABELS[details.closer as keyof typeof CLOSER_LABELS];
    return { code: error.code, message: error.message, detail: `The answer that stands: ${closer}, comfort ${String(details.comfort)} of 5.` };
  }
  return { code: `${error.code}${reason}`, message: error.message };
};
