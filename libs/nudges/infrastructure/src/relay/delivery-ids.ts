/** Delivery ids derived from what they deliver, so a replayed outbox row or event writes nothing new. */
import { uuidFromParts } from '@stepwise/kernel';

export const memberDeliveryId = (nudgeId: string): string => uuidFromParts('nudge-member-delivery', nudgeId);
export const nudgeWebhookDeliveryId = (nudgeId: string, endpointId: string): string => uuidFromParts('nudge-webhook-delivery', nudgeId, endpointId);
