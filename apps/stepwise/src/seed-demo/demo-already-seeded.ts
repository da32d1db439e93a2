/**
 * A seed's demo is made of commands whose ids come from the seed: run again with the same story it
 * writes nothing new, but with another story for the same seed (another `--until`) its commands meet
 * their earlier runs with other input, and the command bus refuses them as it refuses a client
 * reusing a clientMutationId. Said in the operator's terms instead.
 */
import type { SqlExecutor } from '@stepwise/database';
import { CodedError } from '@stepwise/kernel';

/** Where the log ends now: the global position of its last event (0 when empty). */
export const logHead = async (executor: SqlExecutor): Promise<number> => {
  const { rows } = await executor.query<{ head: string | number | null }>('SELECT max(global_position) AS head FROM es_events');
  return Number(rows[0]?.head ?? 0);
};

/** `error` as the operator should read it, given where the log ended before the story was played. */
export const explainSeedConflict = async (error: unknown, executor: SqlExecutor, headBefore: number, seed: number): Promise<unknown> => {
  if (!(error instanceof CodedError) || error.code !== 'IDEMPOTENCY_KEY_REUSED') return error;
  const written = (await logHead(executor)) > headBefore;
  return new CodedError(
    'DEMO_ALREADY_SEEDED',
    `this database already holds the demo of seed ${seed}, made up to another day: run it with the --until it was made with (that writes nothing new), another --seed, or on a fresh database (${written ? 'part of this run was written before the conflict' : 'nothing was written'})`,
  );
};
