/**
 * Checks a page request before it reaches SQL: a size in range, and a cursor that decodes to the
 * sort key of the list it is used on (a cursor from another list, or a forged one, is a client error,
 * never a database error).
 */
import { MAX_PAGE_SIZE, ValidationError, decodeCursor, type PageRequest } from '@stepwise/kernel';

/** timestamp: ISO with milliseconds, as Date#toISOString writes; date: YYYY-MM-DD or `infinity` (undated, sorts last). */
export type KeyPart = 'string' | 'integer' | 'timestamp' | 'date';
export type SortKey = (string | number)[];

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isRealTimestamp = (value: string): boolean => ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
const isRealDate = (value: string): boolean => value === 'infinity' || (ISO_DATE.test(value) && isRealTimestamp(`${value}T00:00:00.000Z`));

const fits = (part: string | number, kind: KeyPart): boolean => {
  switch (kind) {
    case 'string':
      return typeof part === 'string';
    case 'integer':
      return typeof part === 'number' && Number.isSafeInteger(part);
    case 'timestamp':
      return typeof part === 'string' && isRealTimestamp(part);
    case 'date':
      return typeof part === 'string' && isRealDate(part);
  }
};

export const pageSizeOf = (page: PageRequest): number => {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be an integer from 1 to ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  return page.first;
};

/** The sort key to continue after, or undefined for the first page. */
export const afterKeyOf = (page: PageRequest, shape: readonly KeyPart[]): SortKey | undefined => {
  if (page.after === undefined || page.after === null) return undefined;
  const key = decodeCursor(page.after);
  if (!key || key.length !== shape.length || !key.every((part, index) => fits(part, shape[index]))) {
    throw new ValidationError('after is not a cursor of this list', { field: 'after' });
  }
  return key;
};

/** Renders `AND (a, b) > ($n, $n+1)` for a keyset continuation, appending the key to the params. */
export const keysetClause = (columns: string, comparison: '>' | '<', key: SortKey | undefined, params: unknown[], casts: readonly string[] = []): string => {
  if (key === undefined) return '';
  const placeholders = key.map((part, index) => {
    params.push(part);
    return `$${params.length}${casts[index] ?? ''}`;
  });
  return `AND (${columns}) ${comparison} (${placeholders.join(', ')})`;
};
