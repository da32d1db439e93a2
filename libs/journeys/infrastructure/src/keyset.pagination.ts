/**
 * Checks a page request before it reaches SQL: a size in range, and a cursor that decodes to the
 * sort key of the list it is used on (a cursor from another list, a forged one, or one holding a value
 * the list's columns cannot hold is a client error, never a database error).
 */
import { MAX_PAGE_SIZE, ValidationError, decodeCursorAs, type CursorList, type PageRequest } from '@stepwise/kernel';

export type SortKey = (string | number)[];

export const pageSizeOf = (page: PageRequest): number => {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be an integer from 1 to ${MAX_PAGE_SIZE}`, { field: 'first', reason: 'OUT_OF_RANGE' });
  }
  return page.first;
};

/** The sort key to continue after, or undefined for the first page. */
export const afterKeyOf = (page: PageRequest, list: CursorList): SortKey | undefined => {
  if (page.after === undefined || page.after === null) return undefined;
  const key = decodeCursorAs(page.after, list);
  if (!key) throw new ValidationError('after is not a cursor of this list', { field: 'after', reason: 'NOT_A_CURSOR' });
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
