/** Keyset pages of webhook endpoints, oldest first: the cursor is (registered_at, endpoint_id). */
import { afterKeyOf, listWithin, type CursorList, type PageRequest } from '@stepwise/kernel';

/** The endpoints list, as its cursors name it. */
const WEBHOOK_ENDPOINTS: CursorList = { name: 'webhookEndpoints', shape: ['timestamp', 'string'] };

/** One organisation's endpoints: a cursor of another organisation's list is refused. */
export const webhookEndpointsOf = (tenantId: string): CursorList => listWithin(WEBHOOK_ENDPOINTS, tenantId);

/** The key to continue after, or undefined for the first page; a cursor of another list is a client error. */
export const endpointCursorOf = (page: PageRequest, list: CursorList): [string, string] | undefined => afterKeyOf(page, list) as [string, string] | undefined;
