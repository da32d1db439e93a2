/** Keyset continuations in SQL: the page request itself is checked by the kernel's pageSizeOf and afterKeyOf. */
export type SortKey = (string | number)[];

/** Renders `AND (a, b) > ($n, $n+1)` for a keyset continuation, appending the key to the params. */
export const keysetClause = (columns: string, comparison: '>' | '<', key: SortKey | undefined, params: unknown[], casts: readonly string[] = []): string => {
  if (key === undefined) return '';
  const placeholders = key.map((part, index) => {
    params.push(part);
    return `$${params.length}${casts[index] ?? ''}`;
  });
  return `AND (${columns}) ${comparison} (${placeholders.join(', ')})`;
};
