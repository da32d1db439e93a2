/** The fewest distinct people an aggregate is shown over until an admin changes it. */
export const DEFAULT_MINIMUM_GROUP_SIZE = 3;
