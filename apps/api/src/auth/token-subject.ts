import { unstorableTextReason } from '@stepwise/kernel';

/** The longest `sub` claim a token may carry: a member's subject is kept at most this long. */
export const SUBJECT_MAX_LENGTH = 255;

/** Whether a token's subject can name a person here: 1 to 255 characters of text PostgreSQL can hold. */
export const isUsableSubject = (subject: unknown): subject is string =>
  typeof subject === 'string' && subject !== '' && subject.length <= SUBJECT_MAX_LENGTH && unstorableTextReason(subject) === undefined;
