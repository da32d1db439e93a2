import { uuidFromParts } from '@stepwise/kernel';

/**
 * The id of the n-th event a command produces, derived from the command's id: a retried command
 * produces the same event ids, so the store stores it once. The stream is deliberately not part of
 * it: event ids are unique across the store, so a command id sent again for another stream collides
 * with the events it already wrote and is refused (IDEMPOTENCY_KEY_REUSED) instead of writing twice.
 */
export const commandEventId = (tenantId: string, _streamId: string, commandId: string, index: number): string =>
  uuidFromParts('event', tenantId, commandId, String(index));
