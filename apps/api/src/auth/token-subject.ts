import { requiredText, unstorableTextReason } from '@stepwise/kernel';

/** The longest `sub` claim a token may carry: a member's subject is kept at most this long. */
export const SUBJECT_MAX_LENGTH = 255;

/**
 * Whether a token's subject can name a person here: text PostgreSQL can hold that a member's subject
 * is kept as it is, so the member a token names is the one it finds. 1 to 255 characters, counted as
 * `addMember` counts them (an emoji is one), showing something, with no space around it: `addMember`
 * and `createOrganisation` keep a subject trimmed, so " ada " would create an organisation that
 * "ada" owns, and find none for itself.
 */
export const isUsableSubject = (subject: unknown): subject is string => {
  if (typeof subject !== 'string' || unstorableTextReason(subject) !== undefined) return false;
  try {
    return requiredText('sub', subject, SUBJECT_MAX_LENGTH) === subject;
  } catch {
    return false;
  }
};
