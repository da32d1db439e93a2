/** Cursor pagination shared by every list the api serves (GraphQL connections are built from it). */
export interface PageRequest {
  /** How many items (1..MAX_PAGE_SIZE; default DEFAULT_PAGE_SIZE). */
  readonly first: number;
  /** An opaque cursor from a previous page's `endCursor`. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: readonly { readonly node: T; readonly cursor: string }[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Cursors are base64url JSON of the sort key: opaque to clients, checked when decoded. */
export const encodeCursor = (key: readonly (string | number)[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export const decodeCursor = (cursor: string): (string | number)[] | undefined => {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) && key.every((part) => typeof part === 'string' || typeof part === 'number') ? key : undefined;
  } catch {
    return undefined;
  }
};

/** Builds a page from up to `first + 1` rows fetched in order; the extra row only says there is more. */
export const toPage = <T>(rows: readonly T[], first: number, keyOf: (row: T) => readonly (string | number)[]): Page<T> => {
  const items = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor(keyOf(node)) }));
  return { items, hasNextPage: rows.length > first, endCursor: items.length > 0 ? items[items.length - 1].cursor : null };
};
