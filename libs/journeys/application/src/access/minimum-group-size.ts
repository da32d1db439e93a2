import type { TenancyReadModel } from '@stepwise/tenancy-application/read';

/** The fewest distinct people an aggregate is shown over when an organisation has no settings row yet. */
export const DEFAULT_MINIMUM_GROUP_SIZE = 3;

/** The organisation's minimum group size (2–50), as its settings say; the default until an admin changes it. */
export const minimumGroupSizeOf = async (settings: Pick<TenancyReadModel, 'settings'>, organisationId: string): Promise<number> =>
  (await settings.settings(organisationId))?.minimumGroupSize ?? DEFAULT_MINIMUM_GROUP_SIZE;
