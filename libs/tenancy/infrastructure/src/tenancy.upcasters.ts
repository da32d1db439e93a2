import type { Upcaster } from '@stepwise/event-store';

/**
 * Organisation and team events stored in an older shape, brought up to today's (the domain's
 * `organisationEventSchemaVersions` and `teamEventSchemaVersions`). Empty while every one is at
 * version 1; see the event store's README, "How to change an event".
 */
export const tenancyUpcasters: readonly Upcaster[] = [];
