/**
 * The channel the journey-summary projection notifies, with the tenant id as payload, in the
 * transaction of every batch holding one of the tenant's journey events (every journey event moves
 * its summary row, and with it the vision, last step and last reflection read beside it): answers
 * kept from journeys are forgotten when it commits.
 */
export const JOURNEYS_CHANGES_CHANNEL = 'stepwise_journeys';
