import { createHash, randomUUID } from 'node:crypto';

/** Ids are injected for the same reason time is: deterministic tests. */
export interface IdGenerator {
  next(): string;
}

export const uuidGenerator: IdGenerator = { next: () => randomUUID() };

/** Yields `prefix-1`, `prefix-2`, … or, with `uuid: true`, deterministic UUID-shaped ids. */
export class SequentialIdGenerator implements IdGenerator {
  private counter = 0;

  constructor(private readonly prefix = 'id', private readonly uuid = false) {}

  next(): string {
    this.counter += 1;
    if (!this.uuid) return `${this.prefix}-${this.counter}`;
    return `00000000-0000-4000-8000-${this.counter.toString(16).padStart(12, '0')}`;
  }
}

/** The longest id an entity is created with (derived ids are UUIDs; a client's ids are checked against it). */
export const ENTITY_ID_MAX_LENGTH = 100;

/**
 * Whether an id a client names could belong to a stored entity. One that cannot (blank, or longer
 * than any entity's) names none, and is answered as not found rather than reaching the store,
 * whose own limits would name its stream instead of the client's field.
 */
export const couldNameEntity = (id: string): boolean => id.length > 0 && id.length <= ENTITY_ID_MAX_LENGTH;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);

/**
 * A UUID derived from its parts (SHA-256, shaped as an RFC 9562 version-8 UUID): the same parts
 * always give the same id, which makes retried commands produce the same ids.
 */
export const uuidFromParts = (...parts: readonly string[]): string => {
  const hash = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hash[16], 16) & 0x3) | 0x8).toString(16);
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-8${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
};
