/**
 * The channel the teams projection (any team event) and the organisation-members projection (the
 * organisation's settings) notify, with the tenant id as payload, in the transaction that changes
 * them: answers kept from teams, team roles and settings (analytics) are forgotten when it commits.
 */
export const TENANCY_CHANGES_CHANNEL = 'stepwise_tenancy';
