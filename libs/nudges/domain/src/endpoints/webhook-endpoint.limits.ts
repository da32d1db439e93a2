/**
 * How many webhook endpoints an organisation may have: every event and nudge is posted to each
 * endpoint subscribed to it, so the number bounds an organisation's fan-out and what it stores.
 * Disabled endpoints count (an admin can enable one at any moment); removed ones do not.
 */
export const MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION = 25;
