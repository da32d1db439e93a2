/**
 * The worker's retention of the nudge history: a pass deletes what finished before the retention
 * period, counted back from the clock, and says what it deleted; 0 days schedules nothing.
 */
import { randomUUID } from 'node:crypto';
import { FixedClock } from '@stepwise/kernel';
import type { Runtime, Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { loggedLines, openTestStorage } from '@stepwise/test-support';
import type { WorkerConfig } from '../config/worker.config';
import { NudgeHistoryRetentionService } from './nudge-history-retention.service';

describe('NudgeHistoryRetentionService', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema, { poolSize: 2 });
  });
  afterAll(() => storage?.close());

  const delivered = async (tenant: string, id: string, finishedAt: string): Promise<void> => {
    await storage.database.query(
      `INSERT INTO nudges.deliveries (delivery_id, tenant_id, kind, nudge_id, member_id, payload, state, max_attempts, attempt_budget, next_attempt_at, created_at, updated_at, finished_at)
       VALUES ($1, $2, 'MEMBER', $1, 'ada', '{}', 'DELIVERED', 3, 3, $3, $3, $3, $3)`,
      [id, tenant, finishedAt],
    );
  };

  it('deletes what finished more than the retention period before now, and says so', async () => {
    const tenant = `org-${randomUUID()}`;
    // 30 days kept, counted back from 1 July: before 1 June goes, 1 June itself and later stay.
    await delivered(tenant, `${tenant}-may-31`, '2026-05-31T23:59:59.000Z');
    await delivered(tenant, `${tenant}-june-1`, '2026-06-01T00:00:00.000Z');
    const { lines, logger } = loggedLines();
    const service = new NudgeHistoryRetentionService({ database: storage.database, logger } as unknown as Runtime, { nudgeHistoryDays: 30 } as WorkerConfig, new FixedClock('2026-07-01T00:00:00.000Z'));
    await service.runPass();
    const { rows } = await storage.database.query<{ delivery_id: string }>('SELECT delivery_id FROM nudges.deliveries WHERE tenant_id = $1', [tenant]);
    expect(rows.map((row) => row.delivery_id)).toEqual([`${tenant}-june-1`]);
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'nudge history past its retention deleted', component: 'nudge-history-retention', before: '2026-06-01T00:00:00.000Z', deliveries: expect.any(Number) }),
    ]);
  });

  it('schedules nothing when the history is kept for good (0 days)', () => {
    const setTimeout = jest.spyOn(global, 'setTimeout');
    try {
      new NudgeHistoryRetentionService({ database: storage.database, logger: loggedLines().logger } as unknown as Runtime, { nudgeHistoryDays: 0 } as WorkerConfig, new FixedClock('2026-07-01T00:00:00.000Z')).onApplicationBootstrap();
      expect(setTimeout).not.toHaveBeenCalled();
    } finally {
      setTimeout.mockRestore();
    }
  });
});
