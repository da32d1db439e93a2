/**
 * Notified with the tenant id in the transaction of every analytics batch that holds one of the
 * tenant's events, and with EVERY_TENANT (from the projections library) when a rebuild swaps in new
 * tables (every tenant's facts changed): whoever keeps analytics answers forgets them when told.
 */
export const ANALYTICS_CHANGES_CHANNEL = 'stepwise_analytics';
