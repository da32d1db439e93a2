/**
 * The median as PostgreSQL's `percentile_cont(0.5)` computes it: the middle value, or the mean of
 * the two middle values. Null for no values. Queries compute it in SQL; this is its definition.
 */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(middle)];
  const high = sorted[Math.ceil(middle)];
  return low + (high - low) * (middle - Math.floor(middle));
};
