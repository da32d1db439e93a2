import { CodedError, maybeCurrentTenant } from '@stepwise/kernel';
import type { SqlDatabase, SqlExecutor } from './sql-database.port';

/**
 * Inside a request or job, reads are for its own tenant only: throws TENANT_MISMATCH for a read
 * naming another. Whatever answers a tenant's reads without reaching this reader (a kept answer)
 * checks it too.
 */
export const assertReadsOwnTenant = (tenantId: string): void => {
  if (!tenantId) throw new Error('A tenant is required to read tenant data');
  const context = maybeCurrentTenant();
  if (context && context.tenantId !== tenantId) {
    throw new CodedError('TENANT_MISMATCH', 'A read names a different tenant from the one this request runs for');
  }
};

/**
 * Runs read-model queries for one tenant: as the application role with the tenant set, so a query
 * that forgets its tenant filter still sees only this tenant's rows. Reads only; on PostgreSQL each
 * statement is one round trip with no transaction around it (READ COMMITTED gave every statement
 * its own snapshot anyway).
 */
export class TenantReader {
  constructor(private readonly database: SqlDatabase) {}

  read<T>(tenantId: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    assertReadsOwnTenant(tenantId);
    return this.database.readAsTenant(tenantId, work);
  }
}
