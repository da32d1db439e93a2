import { randomUUID } from 'node:crypto';

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

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);
