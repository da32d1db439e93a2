/**
 * Checks of a command's own fields. Each failure is a ValidationError (VALIDATION_FAILED) whose
 * details name the field and the reason.
 */
import { ValidationError } from '../errors/coded-error';

export const invalid = (field: string, reason: string, message: string, extra: Record<string, unknown> = {}): never => {
  throw new ValidationError(message, { field, reason, ...extra });
};

/**
 * How many characters (Unicode code points) `text` holds, as a person and PostgreSQL's `length`
 * count them: an emoji outside the Basic Multilingual Plane is one character, two UTF-16 code units.
 */
export const characterCount = (text: string): number => {
  let count = text.length;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1;
        index += 1;
      }
    }
  }
  return count;
};

/**
 * Characters that show nothing by themselves: spaces, format characters (zero-width and the like),
 * those Unicode says to render invisibly when unsupported (Hangul fillers, the combining grapheme
 * joiner, variation selectors), combining marks with nothing to mark, and the blank Braille pattern.
 */
const SHOWS_SOMETHING = /[^\p{Cf}\p{Z}\s\p{Default_Ignorable_Code_Point}\p{M}\u2800]/u;

/** Whether a person would see anything of `text` (not only spaces, zero-width and other invisible characters). */
export const showsSomething = (text: string): boolean => SHOWS_SOMETHING.test(text);

/**
 * A required string, trimmed; 1..max characters (code points, not UTF-16 units) after trimming, at
 * least one of which shows: text of zero-width or other invisible characters alone is blank too.
 */
export const requiredText = (field: string, value: unknown, max: number): string => {
  if (typeof value !== 'string') return invalid(field, 'REQUIRED', `${field} is required`);
  const trimmed = value.trim();
  if (trimmed.length === 0 || !showsSomething(trimmed)) return invalid(field, 'REQUIRED', `${field} must not be blank`);
  // A string of at most max UTF-16 units has at most max characters: count only longer ones.
  if (trimmed.length > max && characterCount(trimmed) > max) return invalid(field, 'TOO_LONG', `${field} must be at most ${max} characters`, { max });
  return trimmed;
};

/**
 * Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the text around them:
 * in a name they make it display as something else ("\u202Eexe.doc" shows as "cod.exe"). The
 * right-to-left and left-to-right marks, which only nudge neutral characters, are kept.
 */
const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * A name or a title: required text on one line (no line break or other control character, no
 * text-direction override), with at least one character that shows.
 */
export const requiredLine = (field: string, value: unknown, max: number): string => {
  const line = requiredText(field, value, max);
  // U+2028 and U+2029 (Zl, Zp) break a line as surely as a control character does.
  if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(line)) return invalid(field, 'INVALID_FORMAT', `${field} must be one line, without control characters`);
  if (DIRECTION_CONTROL.test(line)) return invalid(field, 'INVALID_FORMAT', `${field} must not hold text-direction embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069)`);
  return line;
};

/** An optional string: absent or blank (nothing in it shows) becomes null. */
export const optionalText = (field: string, value: unknown, max: number): string | null =>
  value === undefined || value === null || (typeof value === 'string' && !showsSomething(value.trim()))
    ? null
    : requiredText(field, value, max);

/** A list of at most `maxItems` required strings of at most `maxLength` each; items are trimmed. */
export const textList = (field: string, value: unknown, maxItems: number, maxLength: number): string[] => {
  if (!Array.isArray(value)) return invalid(field, 'REQUIRED', `${field} must be a list`);
  if (value.length > maxItems) return invalid(field, 'TOO_MANY', `${field} takes at most ${maxItems} items`, { max: maxItems });
  return value.map((item, index) => requiredText(`${field}[${index}]`, item, maxLength));
};

export const oneOf = <T extends string>(field: string, value: unknown, allowed: readonly T[]): T => {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return invalid(field, 'NOT_ALLOWED', `${field} must be one of ${allowed.join(', ')}`, { allowed });
};

export const integerInRange = (field: string, value: unknown, min: number, max: number): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return invalid(field, 'OUT_OF_RANGE', `${field} must be a whole number from ${min} to ${max}`, { min, max });
  }
  return value;
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * RFC 3339 with ISO 8601's expanded years (±YYYYYY, as toISOString writes them); the fields are
 * range-checked below. `t` and `z` may be lower case, as RFC 3339 (5.6) allows.
 */
const ISO_DATE_TIME = /^(\d{4}|[+-]\d{6})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number): number => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const isoDate = (field: string, value: unknown): string => {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return value as string;
  }
  return invalid(field, 'INVALID_DATE', `${field} must be a date as YYYY-MM-DD`);
};

/**
 * The instant an ISO 8601 timestamp with a timezone (Z or ±HH:MM) names, or undefined when the text
 * is not one or names a time that does not exist (30 February, 24:00, an offset of +24:00): the
 * platform's parser would roll those over into another day, or read other text as it guesses.
 */
export const parseIsoDateTime = (value: unknown): Date | undefined => {
  const match = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match.slice(1).map((part) => Number(part ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const time = new Date(value as string);
  return Number.isNaN(time.getTime()) ? undefined : time;
};

/** An ISO 8601 timestamp with a timezone (Z or ±HH:MM) that names a real instant. */
export const isoDateTime = (field: string, value: unknown): Date =>
  parseIsoDateTime(value) ?? invalid(field, 'INVALID_DATE_TIME', `${field} must be an ISO 8601 timestamp with a timezone`);
