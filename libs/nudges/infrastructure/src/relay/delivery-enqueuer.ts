/**
 * Moves owed deliveries into BullMQ: those still to be attempted, with no job holding them, due
 * within the look-ahead. A job carries a nudge's first deliveries together, or one delivery's retry,
 * with a delay to the due time. Marked queued only after Redis took the jobs; a failed add marks
 * nothing and is tried again, and adding the same queueing twice is a no-op in BullMQ.
 */
import type { SqlDatabase } from '@stepwise/database';
import type { Clock } from '@stepwise/kernel';
import { sqlTime } from '../delivery/sql-time';
import { deliveryJobId, type QueuedJob } from '../queue/delivery-job';

export interface JobSink {
  add(jobs: readonly QueuedJob[]): Promise<void>;
}

interface OwedRow {
  delivery_id: string;
  tenant_id: string;
  nudge_id: string | null;
  attempts: number;
  next_attempt_at: Date;
  queue_generation: number;
}

const OWED = `
SELECT delivery_id, tenant_id, nudge_id, attempts, next_attempt_at, queue_generation FROM nudges.deliveries
WHERE queued_at IS NULL AND state IN ('PENDING', 'RETRYING') AND next_attempt_at <= $1
ORDER BY next_attempt_at, delivery_id LIMIT $2`;

// Only what no attempt has touched since it was read: a job may already have run (and asked for a retry).
const MARK_QUEUED = `
UPDATE nudges.deliveries d SET queued_at = $4, queue_generation = d.queue_generation + 1
FROM unnest($1::text[], $2::int[], $3::int[]) AS q(delivery_id, generation, attempts)
WHERE d.delivery_id = q.delivery_id AND d.queue_generation = q.generation AND d.attempts = q.attempts
  AND d.queued_at IS NULL AND d.state IN ('PENDING', 'RETRYING')`;

export interface DeliveryEnqueuerSettings {
  readonly batchSize: number;
  /** Deliveries due later than this wait in PostgreSQL; Redis holds only the near future. */
  readonly lookaheadMs: number;
}

export class DeliveryEnqueuer {
  constructor(
    private readonly database: SqlDatabase,
    private readonly queue: JobSink,
    private readonly clock: Clock,
    private readonly settings: DeliveryEnqueuerSettings,
  ) {}

  /** Queues one batch; resolves to how many deliveries it queued. */
  async queueBatch(): Promise<number> {
    const now = this.clock.now();
    const { rows } = await this.database.query<OwedRow>(OWED, [sqlTime(new Date(now.getTime() + this.settings.lookaheadMs)), this.settings.batchSize]);
    if (rows.length === 0) return 0;
    const groups = new Map<string, OwedRow[]>();
    for (const row of rows) {
      // A nudge's first deliveries travel in one job; anything else (a retry, a domain event's webhook) alone.
      const key = Number(row.attempts) === 0 && row.nudge_id ? `${row.tenant_id}/${row.nudge_id}` : row.delivery_id;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const jobs: QueuedJob[] = [...groups.values()].map((group) => ({
      data: { tenantId: group[0].tenant_id, deliveryIds: group.map((row) => row.delivery_id) },
      jobId: deliveryJobId(group[0].delivery_id, Number(group[0].queue_generation) + 1),
      delayMs: Math.max(0, Math.min(...group.map((row) => new Date(row.next_attempt_at).getTime())) - now.getTime()),
    }));
    await this.queue.add(jobs);
    await this.database.query(MARK_QUEUED, [
      rows.map((row) => row.delivery_id),
      rows.map((row) => Number(row.queue_generation)),
      rows.map((row) => Number(row.attempts)),
      sqlTime(now),
    ]);
    return rows.length;
  }
}
