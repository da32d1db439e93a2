import { createHash } from 'node:crypto';

/**
 * What a command asked for, as a short digest of its operation and its input in a canonical form
 * (keys sorted, absent and undefined fields alike). Stored with the command's events, it tells an
 * identical retry (replayed) from a client mutation id reused for something else (refused).
 */
export const commandFingerprint = (operation: string, input: unknown): string =>
  createHash('sha256').update(JSON.stringify([operation, canonical(input)])).digest('base64url');

const canonical = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, field]) => [key, canonical(field)]),
  );
};
