/** Documented limits of one append (README.md): checked before anything is written. */
export const APPEND_LIMITS = Object.freeze({
  tenantIdMaxLength: 100,
  streamIdMaxLength: 200,
  maxEventsPerAppend: 1000,
  /** Serialised `data` plus `metadata` of one event, in UTF-8 bytes. */
  maxEventBytes: 64 * 1024,
  /** Serialised size of all events of one append. */
  maxAppendBytes: 4 * 1024 * 1024,
  maxSchemaVersion: 2_147_483_647,
  eventTypePattern: /^[A-Z][A-Za-z0-9]{0,99}$/,
});

export const READ_LIMITS = Object.freeze({
  defaultStreamCount: 10_000,
  defaultReadAllCount: 1000,
  maxCount: 10_000,
  /** Streams in one readStreamTails call. */
  maxStreamsPerRead: 100,
});
