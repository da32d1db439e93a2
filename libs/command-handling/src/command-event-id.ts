import { uuidFromParts } from '@stepwise/kernel';

/**
 * The id of the n-th event a command produces, derived from the command's id: a retried command
 * produces the same event ids, so the store stores it once.
 */
export const commandEventId = (tenantId: string, streamId: string, commandId: string, index: number): string =>
  uuidFromParts('event', tenantId, streamId, commandId, String(index));
