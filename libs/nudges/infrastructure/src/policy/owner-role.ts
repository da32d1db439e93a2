import { APP_ROLE, type SqlExecutor } from '@stepwise/database';

/**
 * Runs `work` as the owner inside a transaction the projection runner opened as the tenant role:
 * the nudge tables are the owner's alone (see the 0410 migration). The tenant role is taken back
 * afterwards, as the runner expects for whatever it runs next; on failure it is not, because the
 * runner rolls the batch back (to its savepoint), which restores the role with everything else.
 */
export const asOwner = async <T>(tx: SqlExecutor, work: () => Promise<T>): Promise<T> => {
  await tx.query(`SELECT set_config('role', 'none', true)`);
  const result = await work();
  await tx.query(`SELECT set_config('role', '${APP_ROLE}', true)`);
  return result;
};
