/**
 * Remembered answers of pure functions, by key, forgotten all at once when full: for values that
 * cost far more to build than to keep, asked for again and again (timezone formatters, week
 * boundaries). A computation that throws is not remembered.
 */
export const remembered = <Value>(limit: number): ((key: string, compute: () => Value) => Value) => {
  const values = new Map<string, Value>();
  return (key, compute) => {
    const known = values.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (values.size >= limit) values.clear();
    values.set(key, value);
    return value;
  };
};
