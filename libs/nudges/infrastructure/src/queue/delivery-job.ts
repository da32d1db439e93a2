/**
 * What a BullMQ job of the nudge path carries: ids only, never the message (PostgreSQL holds the
 * record). A job names one tenant and the deliveries to attempt: all of a nudge's first deliveries
 * at once (its member and each webhook subscribed to nudges), or one delivery's retry.
 */
export const DELIVERY_QUEUE = 'nudge-deliveries';
export const DELIVERY_JOB = 'deliver';

export interface DeliveryJobData {
  readonly tenantId: string;
  readonly deliveryIds: readonly string[];
}

export interface QueuedJob {
  readonly data: DeliveryJobData;
  /** Unique per (delivery, time it was queued): adding the same one twice is a no-op in BullMQ. */
  readonly jobId: string;
  readonly delayMs: number;
}

/**
 * The job id: the first delivery's id and how many times it was queued. Ids only deduplicate adds
 * of one queueing; which attempt already ran is PostgreSQL's to say, whatever job asks.
 */
export const deliveryJobId = (deliveryId: string, generation: number): string => `${deliveryId}.${generation}`;
