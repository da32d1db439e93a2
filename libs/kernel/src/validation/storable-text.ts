/**
 * Text that can be stored as it was sent. A lone UTF-16 surrogate is not Unicode: PostgreSQL refuses
 * it inside JSON and silently turns it into U+FFFD in a text column, so two different ids would name
 * one row. U+0000 cannot be held by a PostgreSQL text or jsonb value at all. Both are refused at the
 * edge with the field's name, never left to fail (or worse, succeed) in the database.
 */

// With the u flag a class of surrogates matches only those not part of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export type UnstorableTextReason = 'LONE_SURROGATE' | 'NUL_CHARACTER';

/** Why `value` cannot be stored as it is, or undefined when it can. */
export const unstorableTextReason = (value: string): UnstorableTextReason | undefined => {
  if (LONE_SURROGATE.test(value)) return 'LONE_SURROGATE';
  if (value.includes('\u0000')) return 'NUL_CHARACTER';
  return undefined;
};

export interface UnstorableText {
  /** Where it is: `path` extended by `.key` and `[index]`. */
  readonly path: string;
  readonly reason: UnstorableTextReason;
}

/**
 * The first string, object key included, in a JSON-shaped value (plain objects, arrays, scalars) that
 * cannot be stored. Iterative, so a deeply nested input cannot exhaust the stack.
 */
export const findUnstorableText = (value: unknown, path: string): UnstorableText | undefined => {
  const pending: Array<[unknown, string]> = [[value, path]];
  while (pending.length > 0) {
    const [current, at] = pending.pop()!;
    if (typeof current === 'string') {
      const reason = unstorableTextReason(current);
      if (reason) return { path: at, reason };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) pending.push([current[index], `${at}[${index}]`]);
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, item] = entries[index];
        const keyReason = unstorableTextReason(key);
        if (keyReason) return { path: at, reason: keyReason };
        pending.push([item, `${at}.${key}`]);
      }
    }
  }
  return undefined;
};

export const UNSTORABLE_TEXT_MESSAGE: Readonly<Record<UnstorableTextReason, string>> = {
  LONE_SURROGATE: 'contains a lone UTF-16 surrogate (not well-formed Unicode)',
  NUL_CHARACTER: 'contains a NUL character (U+0000)',
};
