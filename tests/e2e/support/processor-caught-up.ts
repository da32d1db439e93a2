/**
 * Waits until a processor's checkpoint has reached the log as it stands now: for a spec whose
 * answer depends on the last events written, where no count in the answer can tell a state half
 * projected from the final one (a journey paused but not yet resumed reads like one resumed).
 */
import { compareCheckpoints, loadCheckpoint } from '@stepwise/event-store';
import type { Stepwise } from '../../support/stepwise-harness';

export const processorCaughtUp = async (stepwise: Stepwise, processor: string, timeoutMs = 15_000): Promise<void> => {
  const { database } = stepwise.runtime;
  const { rows } = await database.query<{ tx_id: string; global_position: string }>(
    'SELECT tx_id::text, global_position::text FROM es_events ORDER BY tx_id DESC, global_position DESC LIMIT 1',
  );
  if (rows.length === 0) return;
  const head = { txId: Number(rows[0].tx_id), globalPosition: Number(rows[0].global_position) };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkpoint = await loadCheckpoint(database, processor);
    if (compareCheckpoints(checkpoint, head) >= 0) return;
    if (Date.now() > deadline) throw new Error(`${processor} did not reach the log head within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
