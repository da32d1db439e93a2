/**
 * Moves owed deliveries into BullMQ: those still to be attempted, with no job holding them, due
 * within the look-ahead. First attempts travel together: a job carries up to MAX_JOB_DELIVERIES of one
 * tenant's deliveries due at about the same time (a nudge's member and webhook deliveries never
 * apart), so the processor attempts them side by side and its store answers them in a few
 * statements; a retry travels alone. Each job has a delay to its earliest delivery.
 *
 * Deliveries are taken and marked queued in one transaction that commits only once Redis took the
 * jobs: a failed add marks nothing (and is tried again), and rows another relay is taking are
 * skipped. A job that starts before the commit waits for it at its first write; adding the same
 * queueing twice is a no-op in BullMQ.
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
  /** After this queueing. */
  queue_generation: number;
}

const TAKE_OWED = `
WITH owed AS (
  SELECT delivery_id FROM nudges.deliveries
  WHERE queued_at IS NULL AND state IN ('PENDING', 'RETRYING') AND next_attempt_at <= $1
  ORDER BY next_attempt_at, tenant_id, nudge_id, delivery_id LIMIT $2
  FOR UPDATE SKIP LOCKED)
UPDATE nudges.deliveries d SET queued_at = $3, queue_generation = d.queue_generation + 1
FROM owed WHERE d.delivery_id = owed.delivery_id
RETURNING d.delivery_id, d.tenant_id, d.nudge_id, d.attempts, d.next_attempt_at, d.queue_generation`;

/** The most deliveries one job carries: a job's deliveries are attempted at once, so this bounds a job's parallel sends too. */
export const MAX_JOB_DELIVERIES = 8;
/** First attempts due this close together share a job (the processor attempts a delivery up to a second early). */
const SHARED_DUE_WINDOW_MS = 500;

export interface DeliveryEnqueuerSettings {
  readonly batchSize: number;
  /** Deliveries due later than this wait in PostgreSQL; Redis holds only the near future. */
  readonly lookaheadMs: number;
}

/** Groups taken deliveries into jobs: a nudge's first deliveries stay together; a tenant's nudges due together share jobs. */
export const jobsOf = (rows: readonly OwedRow[], now: Date): QueuedJob[] => {
  const dueAt = (row: OwedRow): number => new Date(row.next_attempt_at).getTime();
  const sorted = [...rows].sort((a, b) => dueAt(a) - dueAt(b) || a.delivery_id.localeCompare(b.delivery_id));
  const units = new Map<string, OwedRow[]>();
  for (const row of sorted) {
    const key = Number(row.attempts) === 0 && row.nudge_id ? `nudge/${row.tenant_id}/${row.nudge_id}` : `alone/${row.delivery_id}`;
    (units.get(key) ?? units.set(key, []).get(key)!).push(row);
  }
  const groups: OwedRow[][] = [];
  const open = new Map<string, OwedRow[]>();
  for (const [key, unit] of units) {
    if (key.startsWith('alone/')) {
      groups.push(unit);
      continue;
    }
    const window = Math.floor(Math.max(0, dueAt(unit[0]) - now.getTime()) / SHARED_DUE_WINDOW_MS);
    const groupKey = `${unit[0].tenant_id}/${window}`;
    let group = open.get(groupKey);
    if (!group || group.length + unit.length > MAX_JOB_DELIVERIES) {
      group = [];
      open.set(groupKey, group);
      groups.push(group);
    }
    group.push(...unit);
  }
  return groups.map((group) => ({
    data: { tenantId: group[0].tenant_id, deliveryIds: group.map((row) => row.delivery_id) },
    jobId: deliveryJobId(group[0].delivery_id, Number(group[0].queue_generation)),
    delayMs: Math.max(0, Math.min(...group.map(dueAt)) - now.getTime()),
  }));
};

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
    return this.database.transaction(async (tx) => {
      const { rows } = await tx.query<OwedRow>(TAKE_OWED, [sqlTime(new Date(now.getTime() + this.settings.lookaheadMs)), this.settings.batchSize, sqlTime(now)]);
      if (rows.length > 0) await this.queue.add(jobsOf(rows, now));
      return rows.length;
    });
  }
}
