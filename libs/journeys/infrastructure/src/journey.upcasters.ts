import type { Upcaster } from '@stepwise/event-store';

/**
 * Journey events stored in an older shape, brought up to today's (`journeyEventSchemaVersions` in
 * the domain). Empty while every journey event is still at version 1; see the event store's README,
 * "How to change an event".
 */
export const journeyUpcasters: readonly Upcaster[] = [];
