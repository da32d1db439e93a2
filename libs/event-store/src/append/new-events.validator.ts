/**
 * Checks one append completely before anything reaches the database, and serialises it once: the
 * serialised form is both what the size limits measure and what the insert sends.
 */
import { findUnstorableText, isUuid, UNSTORABLE_TEXT_MESSAGE, ValidationError } from '@stepwise/kernel';
import { EventTooLargeError } from '../event-store.errors';
import type { ExpectedVersion, NewEvent, StreamAtVersion } from '../event-store.port';
import { APPEND_LIMITS } from './append.limits';
import { assertStreamKey } from './stream-key.validator';

export interface PreparedAppend {
  readonly tenantId: string;
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  readonly ids: string[];
  readonly types: string[];
  readonly schemaVersions: number[];
  readonly data: string[];
  readonly metadata: string[];
  readonly recordedAt: string;
  /** Streams that must still be at these versions (sorted by stream id), or none. */
  readonly unchangedStreams: string[];
  readonly unchangedVersions: number[];
}

const assertUnchanged = (unchanged: unknown, tenantId: string, streamId: string): StreamAtVersion[] => {
  if (unchanged === undefined) return [];
  if (!Array.isArray(unchanged)) throw new ValidationError('unchanged must be a list of streams and versions', { field: 'unchanged' });
  const seen = new Set<string>();
  return unchanged
    .map((entry: unknown, index) => {
      const at = `unchanged[${index}]`;
      const { streamId: other, version } = (isPlainObject(entry) ? entry : {}) as Partial<StreamAtVersion>;
      if (typeof other !== 'string') throw new ValidationError(`${at}.streamId must be a stream id`, { field: `${at}.streamId` });
      assertStreamKey(tenantId, other);
      if (other === streamId || seen.has(other)) throw new ValidationError(`${at}.streamId names a stream twice`, { field: `${at}.streamId` });
      seen.add(other);
      if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) throw new ValidationError(`${at}.version must be a non-negative integer`, { field: `${at}.version` });
      return { streamId: other, version };
    })
    .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const assertExpected = (expected: unknown): ExpectedVersion => {
  if (expected === undefined) return 'any';
  if (expected === 'any' || expected === 'no-stream' || expected === 'stream-exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new ValidationError('expected must be no-stream, any, stream-exists or a non-negative integer', { field: 'expected' });
};

// What JSON.stringify writes for U+0000 and for a surrogate it found unpaired. Text merely containing
// a backslash and "u0000" is written with an escaped backslash, and the walk below lets it through.
const MAYBE_UNSTORABLE = /\\u(?:0000|d[89a-f])/i;

/**
 * Serialises data or metadata as stored: a JSON object (not a string, null or an array that a
 * `toJSON` returned), holding no NUL and no lone surrogate, which jsonb cannot hold. Anything else
 * is a ValidationError naming the event and, for bad text, the path to it.
 */
const serialise = (value: unknown, field: string, index: number): string => {
  const at = `events[${index}].${field}`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    // BigInt, a cycle, or a throwing toJSON.
    throw new ValidationError(`${at} cannot be serialised as JSON: ${(error as Error).message}`, { index, field: at, reason: 'NOT_SERIALISABLE' });
  }
  if (json === undefined || !json.startsWith('{')) {
    throw new ValidationError(`${at} must serialise to a JSON object`, { index, field: at, reason: 'NOT_AN_OBJECT' });
  }
  if (MAYBE_UNSTORABLE.test(json)) {
    const bad = findUnstorableText(JSON.parse(json), at);
    if (bad) throw new ValidationError(`${bad.path} ${UNSTORABLE_TEXT_MESSAGE[bad.reason]}`, { index, field: bad.path, reason: bad.reason });
  }
  return json;
};

export const prepareAppend = (
  tenantId: string,
  streamId: string,
  events: readonly NewEvent[],
  expected: unknown,
  recordedAt: Date,
  unchanged?: unknown,
): PreparedAppend => {
  assertStreamKey(tenantId, streamId);
  const expectedVersion = assertExpected(expected);
  const guards = assertUnchanged(unchanged, tenantId, streamId);
  if (!Array.isArray(events) || events.length === 0) throw new ValidationError('An append needs at least one event', { field: 'events' });
  if (events.length > APPEND_LIMITS.maxEventsPerAppend) {
    throw new EventTooLargeError(`An append holds at most ${APPEND_LIMITS.maxEventsPerAppend} events`, { count: events.length });
  }
  const prepared: PreparedAppend = {
    tenantId,
    streamId,
    expected: expectedVersion,
    ids: [],
    types: [],
    schemaVersions: [],
    data: [],
    metadata: [],
    recordedAt: recordedAt.toISOString(),
    unchangedStreams: guards.map((guard) => guard.streamId),
    unchangedVersions: guards.map((guard) => guard.version),
  };
  const seen = new Set<string>();
  let totalBytes = 0;
  events.forEach((event, index) => {
    if (!isPlainObject(event)) throw new ValidationError(`events[${index}] must be an object`, { index });
    if (!isUuid(event.id)) throw new ValidationError(`events[${index}].id must be a UUID`, { index, field: `events[${index}].id` });
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new ValidationError(`events[${index}].id appears twice in one append`, { index, field: `events[${index}].id` });
    seen.add(id);
    if (typeof event.type !== 'string' || !APPEND_LIMITS.eventTypePattern.test(event.type)) {
      throw new ValidationError(`events[${index}].type must match ${APPEND_LIMITS.eventTypePattern}`, { index, field: `events[${index}].type` });
    }
    const schemaVersion: unknown = event.schemaVersion ?? 1;
    if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > APPEND_LIMITS.maxSchemaVersion) {
      throw new ValidationError(`events[${index}].schemaVersion must be a positive integer`, { index, field: `events[${index}].schemaVersion` });
    }
    if (!isPlainObject(event.data)) throw new ValidationError(`events[${index}].data must be an object`, { index, field: `events[${index}].data` });
    if (event.metadata !== undefined && !isPlainObject(event.metadata)) {
      throw new ValidationError(`events[${index}].metadata must be an object`, { index, field: `events[${index}].metadata` });
    }
    const data = serialise(event.data, 'data', index);
    // The store's own keys win: a caller cannot claim another tenant or rewrite the time. A toJSON of
    // the metadata's own would be copied into the merged object and answer for all of it, store keys
    // included, so it is resolved first.
    const given: unknown = event.metadata !== undefined && typeof event.metadata.toJSON === 'function' ? JSON.parse(serialise(event.metadata, 'metadata', index)) : event.metadata;
    const metadata = serialise({ ...(given as object | undefined), tenantId, recordedAt: prepared.recordedAt }, 'metadata', index);
    const bytes = Buffer.byteLength(data) + Buffer.byteLength(metadata);
    if (bytes > APPEND_LIMITS.maxEventBytes) {
      throw new EventTooLargeError(`events[${index}] is ${bytes} bytes; the limit is ${APPEND_LIMITS.maxEventBytes}`, { index, bytes });
    }
    totalBytes += bytes;
    prepared.ids.push(id);
    prepared.types.push(event.type);
    prepared.schemaVersions.push(schemaVersion);
    prepared.data.push(data);
    prepared.metadata.push(metadata);
  });
  if (totalBytes > APPEND_LIMITS.maxAppendBytes) {
    throw new EventTooLargeError(`The append is ${totalBytes} bytes; the limit is ${APPEND_LIMITS.maxAppendBytes}`, { bytes: totalBytes });
  }
  return prepared;
};
