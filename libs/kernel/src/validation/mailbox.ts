/**
 * The one syntax of an email address that Stepwise takes and sends to: a mailbox of dot-separated
 * atoms (no leading, trailing or doubled dot, at most 64 characters) at a domain of two labels or
 * more, with none of the characters that need quoting or would break a header or the envelope
 * (`<>()[]\,;:"`, spaces), and none that show nothing or are not text (control characters,
 * zero-width and direction marks: two addresses would look alike, and servers refuse them). Quoted mailboxes and address literals are valid RFC 5321 but not taken:
 * what is stored must be what the email channel can send to. Unicode is allowed (SMTPUTF8); the
 * SMTP server has the last word on whether a mailbox exists.
 */
const ATOM = String.raw`[^\s\p{Cc}\p{Cf}\p{Z}@<>()[\]\\,;:".]+`;
const MAILBOX = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${ATOM}(?:\\.${ATOM})+$`, 'u');
export const MAILBOX_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;

export const isMailbox = (value: string): boolean =>
  value.length <= MAILBOX_MAX_LENGTH && value.lastIndexOf('@') <= LOCAL_PART_MAX_LENGTH && MAILBOX.test(value);
