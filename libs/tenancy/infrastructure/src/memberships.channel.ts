import type { OrganisationEvent } from '@stepwise/tenancy-domain';

/**
 * The channel the organisation-members projection notifies, with the tenant id as payload, in the
 * transaction that changes the subject directory: delivered when that transaction (and with it the
 * read-model checkpoint) commits, so in-process membership caches drop what changed.
 */
export const MEMBERSHIPS_CHANNEL = 'stepwise_memberships';

/** The organisation events that change someone's membership: the ones MEMBERSHIPS_CHANNEL is notified for. */
export const MEMBERSHIP_CHANGES = ['MemberJoined', 'MemberRoleChanged', 'MemberLeft'] as const satisfies readonly OrganisationEvent['type'][];

const membershipChanges: ReadonlySet<string> = new Set(MEMBERSHIP_CHANGES);

/** Whether any of a command's events changes a membership. */
export const changesMemberships = (events: readonly { readonly type: string }[]): boolean => events.some((event) => membershipChanges.has(event.type));
