import type { SqlExecutor } from '@stepwise/database';
import type { RecordedEvent } from '@stepwise/event-store';

/**
 * A read model fed from the global log. `apply` runs inside the runner's batch transaction, as the
 * application role with the event's tenant set, so row-level security checks every write.
 */
export interface Projection {
  readonly name: string;
  /** Event types it reads; others are skipped without a call. */
  readonly eventTypes: readonly string[];
  /** Tables it owns: emptied when the projection is rebuilt from the start of the log. */
  readonly tables: readonly string[];
  apply(tx: SqlExecutor, event: RecordedEvent): Promise<void>;
}
