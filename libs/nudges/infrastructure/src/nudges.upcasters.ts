import type { Upcaster } from '@stepwise/event-store';

/**
 * Nudge events (preferences and settings, webhook endpoints, channel integrations) stored in an older
 * shape, brought up to today's (the version maps beside their unions in the domain). Empty while every
 * one is still at version 1; see the event store's README, "How to change an event".
 */
export const nudgesUpcasters: readonly Upcaster[] = [];
