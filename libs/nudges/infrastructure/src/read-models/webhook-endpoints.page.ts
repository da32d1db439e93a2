/** Keyset pages of webhook endpoints, oldest first: the cursor is (registered_at, endpoint_id). */
import { decodeCursorAs, MAX_PAGE_SIZE, ValidationError, type CursorList, type PageRequest } from '@stepwise/kernel';

export const pageSizeOf = (page: PageRequest): number => {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be an integer from 1 to ${MAX_PAGE_SIZE}`, { field: 'first', reason: 'OUT_OF_RANGE' });
  }
  return page.first;
};

/** The endpoints list, as its cursors name it. */
export const WEBHOOK_ENDPOINTS: CursorList = { name: 'webhookEndpoints', shape: ['timestamp', 'string'] };

/** The key to continue after, or undefined for the first page; a cursor of another list is a client error. */
export const endpointCursorOf = (page: PageRequest): [string, string] | undefined => {
  if (page.after === undefined || page.after === null) return undefined;
  const key = decodeCursorAs(page.after, WEBHOOK_ENDPOINTS);
  if (!key) throw new ValidationError('after is not a cursor of this list', { field: 'after', reason: 'NOT_A_CURSOR' });
  return key as [string, string];
};
