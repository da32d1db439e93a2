/**
 * The fewest distinct people an aggregate may be shown over. Organisations will choose it (2–50) in
 * their settings; until those are readable here, every organisation has the default.
 */
export const DEFAULT_MINIMUM_GROUP_SIZE = 3;

/** The organisation's minimum group size. The one place that will read the organisation's setting. */
export const minimumGroupSizeOf = async (_organisationId: string): Promise<number> => DEFAULT_MINIMUM_GROUP_SIZE;
