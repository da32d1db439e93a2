/**
 * The channel the organisation-members projection notifies, with the tenant id as payload, in the
 * transaction that changes the subject directory: delivered when that transaction (and with it the
 * read-model checkpoint) commits, so in-process membership caches drop what changed.
 */
export const MEMBERSHIPS_CHANNEL = 'stepwise_memberships';
