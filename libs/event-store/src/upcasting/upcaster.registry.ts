/**
 * Stored events keep the shape they were written with; readers get the current shape. An upcaster
 * turns one (type, schemaVersion) into the next version of the same type, and the registry chains
 * them (v1 → v2 → v3) until no upcaster applies.
 */
import { CodedError } from '@stepwise/kernel';
import type { EventMetadata, RecordedEvent } from '../event-store.port';
import { UndecodableEventError } from '../decoding/domain-event.decoder';

export interface Upcaster {
  readonly type: string;
  /** The schema version this upcaster reads; it produces `fromVersion + 1`. */
  readonly fromVersion: number;
  upcast(data: Record<string, unknown>, metadata: EventMetadata): Record<string, unknown>;
}

const keyOf = (type: string, version: number): string => `${type}@${version}`;

export class UpcasterRegistry {
  private readonly upcasters = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    upcasters.forEach((upcaster) => this.register(upcaster));
  }

  register(upcaster: Upcaster): this {
    if (!Number.isInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
      throw new CodedError('VALIDATION_FAILED', `Upcaster for ${upcaster.type} needs a positive integer fromVersion`);
    }
    const key = keyOf(upcaster.type, upcaster.fromVersion);
    if (this.upcasters.has(key)) throw new CodedError('UPCASTER_DUPLICATE', `Two upcasters for ${key}`, { type: upcaster.type });
    this.upcasters.set(key, upcaster);
    return this;
  }

  /** The event in its newest known shape; the same object when nothing applies. */
  upcast<Data>(event: RecordedEvent<Data>): RecordedEvent<Data> {
    let upcaster = this.upcasters.get(keyOf(event.type, event.schemaVersion));
    if (!upcaster) return event;
    let data = event.data as Record<string, unknown>;
    let version = event.schemaVersion;
    while (upcaster) {
      // A failing upcaster is named by the event and the version it could not bring on: its own
      // error rarely says which of the log's events it choked on.
      const at = { id: event.id, type: event.type, schemaVersion: version, data, streamId: event.streamId };
      try {
        data = upcaster.upcast(data, event.metadata);
      } catch (error) {
        throw new UndecodableEventError(at, `could not be upcast: ${error instanceof Error ? error.message : String(error)}`, error);
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UndecodableEventError(at, 'was upcast to something that is not an object');
      version += 1;
      upcaster = this.upcasters.get(keyOf(event.type, version));
    }
    return { ...event, data: data as Data, schemaVersion: version };
  }
}
