/** Cursor pagination shared by every list the api serves (GraphQL connections are built from it). */
import { ValidationError } from '../errors/coded-error';
import { couldNameEntity } from '../ids/id-generator';
import { unstorableTextReason } from '../validation/storable-text';

export interface PageRequest {
  /** How many items (1..MAX_PAGE_SIZE; default DEFAULT_PAGE_SIZE). */
  readonly first: number;
  /** An opaque cursor from a previous page's `endCursor`. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: readonly { readonly node: T; readonly cursor: string }[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Cursors are base64url JSON of the list's name and the sort key: opaque to clients, checked when
 * decoded. The name keeps two lists with one shape of key apart: a cursor of one is refused by the
 * other, not read as a position in it.
 */
export const encodeCursor = (list: string, key: readonly (string | number)[]): string => Buffer.from(JSON.stringify([list, ...key])).toString('base64url');

export const decodeCursor = (cursor: string): (string | number)[] | undefined => {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) && key.every((part) => typeof part === 'string' || typeof part === 'number') ? key : undefined;
  } catch {
    return undefined;
  }
};

/**
 * One part of a list's sort key, as its read table holds it: an id (text an entity could have); a
 * PostgreSQL `integer` (32 bits); a position in a list numbered from 1 (a timeline's sequence, an
 * attempt's number); a timestamp as Date#toISOString writes it; a date `YYYY-MM-DD`, or `infinity`
 * (undated, sorts last). A key no list could have written (an empty id, position 0) is no cursor.
 */
export type CursorKeyPart = 'string' | 'integer' | 'position' | 'timestamp' | 'date';

/** A list its cursors name, with the shape of its sort key: one per list, shared by the page it writes and the cursor it reads. */
export interface CursorList {
  readonly name: string;
  readonly shape: readonly CursorKeyPart[];
}

/**
 * One parent's list of a kind (a journey's timeline, a team's journeys, a member's own steps): its
 * cursors name the parent as well, so the same kind of list under another parent refuses them
 * rather than reading them as a position in itself.
 */
export const listWithin = (list: CursorList, ...parents: readonly string[]): CursorList => ({
  name: [list.name, ...parents].join('/'),
  shape: list.shape,
});

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;

// A real instant (no 31 February) written the one way toISOString writes it; PostgreSQL has no year 0.
const isRealTimestamp = (value: string): boolean =>
  ISO_TIMESTAMP.test(value) && !value.startsWith('0000') && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;

const fitsPart = (part: string | number, kind: CursorKeyPart): boolean => {
  switch (kind) {
    case 'string':
      return typeof part === 'string' && couldNameEntity(part) && unstorableTextReason(part) === undefined;
    case 'integer':
      return typeof part === 'number' && Number.isInteger(part) && part >= INT4_MIN && part <= INT4_MAX;
    case 'position':
      return typeof part === 'number' && Number.isInteger(part) && part >= 1 && part <= INT4_MAX;
    case 'timestamp':
      return typeof part === 'string' && isRealTimestamp(part);
    case 'date':
      return typeof part === 'string' && (part === 'infinity' || (ISO_DATE.test(part) && isRealTimestamp(`${part}T00:00:00.000Z`)));
  }
};

/**
 * The sort key a cursor holds when it has the list's shape and every part is a value the list's
 * columns can hold, or undefined: a cursor of another list, a forged one, or one the database would
 * refuse is the client's mistake, never a database error.
 */
export const decodeCursorAs = (cursor: string, { name, shape }: CursorList): (string | number)[] | undefined => {
  const decoded = decodeCursor(cursor);
  if (!decoded || decoded[0] !== name) return undefined;
  const key = decoded.slice(1);
  return key.length === shape.length && key.every((part, index) => fitsPart(part, shape[index])) ? key : undefined;
};

/** Builds a page from up to `first + 1` rows fetched in order; the extra row only says there is more. */
export const toPage = <T>(rows: readonly T[], first: number, list: CursorList, keyOf: (row: T) => readonly (string | number)[]): Page<T> => {
  const items = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor(list.name, keyOf(node)) }));
  return { items, hasNextPage: rows.length > first, endCursor: items.length > 0 ? items[items.length - 1].cursor : null };
};

/** The page size asked for, or VALIDATION_FAILED (OUT_OF_RANGE on `first`) outside 1..MAX_PAGE_SIZE. */
export const pageSizeOf = (page: PageRequest): number => {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be an integer from 1 to ${MAX_PAGE_SIZE}`, { field: 'first', reason: 'OUT_OF_RANGE' });
  }
  return page.first;
};

/** The sort key to continue after, or undefined for the first page; a cursor of another list is VALIDATION_FAILED (NOT_A_CURSOR on `after`). */
export const afterKeyOf = (page: PageRequest, list: CursorList): (string | number)[] | undefined => {
  if (page.after === undefined || page.after === null) return undefined;
  const key = decodeCursorAs(page.after, list);
  if (!key) throw notACursor();
  return key;
};

export const notACursor = (): ValidationError => new ValidationError('after is not a cursor of this list', { field: 'after', reason: 'NOT_A_CURSOR' });
