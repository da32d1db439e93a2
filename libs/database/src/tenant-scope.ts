import type { PipelinedStatement, SqlExecutor } from './sql-database.port';

/** The role read-model queries and projection writes run as: not the tables' owner, so RLS applies. */
export const APP_ROLE = 'stepwise_app';
export const TENANT_SETTING = 'stepwise.tenant_id';

/** Switches the current transaction to the application role. */
export const useAppRole = async (tx: SqlExecutor): Promise<void> => {
  await tx.query(`SET LOCAL ROLE ${APP_ROLE}`);
};

/**
 * Both of the above in one round trip, for the start of a tenant transaction. set_config('role', …,
 * true) is what SET LOCAL ROLE runs (the same setting, the same membership check, undone at the end
 * of the transaction); as a function it can share a statement with the tenant setting.
 */
export const useAppRoleForTenant = async (tx: SqlExecutor, tenantId: string): Promise<void> => {
  await tx.query(`SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', $1, true)`, [tenantId]);
};

/** A tenant id as a quoted SQL literal: quotes doubled, NUL refused (standard_conforming_strings, on by default since PostgreSQL 9.1, makes backslashes plain). */
const tenantLiteral = (tenantId: string): string => {
  if (tenantId.includes('\0')) throw new Error('A tenant id cannot contain NUL');
  return `'${tenantId.replaceAll("'", "''")}'`;
};

/**
 * The same as useAppRoleForTenant, as parameter-free SQL to ride along with BEGIN (one round trip
 * fewer per read). The tenant id becomes a quoted literal.
 */
export const appRoleForTenantSql = (tenantId: string): string =>
  `SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', ${tenantLiteral(tenantId)}, true)`;

/**
 * The tenant setting alone, as parameter-free SQL to ride along with BEGIN, for a transaction that
 * stays the connection's own role (the owner: work on tables the application role is not granted).
 */
export const tenantOnlySql = (tenantId: string): string => `SELECT set_config('${TENANT_SETTING}', ${tenantLiteral(tenantId)}, true)`;

const SET_TENANT_SQL = `SELECT set_config('${TENANT_SETTING}', $1, true)`;

/** Sets the tenant row-level security filters on, for the rest of the current transaction. */
export const setTenant = async (tx: SqlExecutor, tenantId: string): Promise<void> => {
  await tx.query(SET_TENANT_SQL, [tenantId]);
};

/** setTenant as a statement, to send in a pipeline ahead of the tenant's own statements. */
export const setTenantStatement = (tenantId: string): PipelinedStatement => ({ text: SET_TENANT_SQL, values: [tenantId] });

/** SQL that puts a tenant table under row-level security (enabled and forced) and grants it to the app role. */
export const tenantTableSecuritySql = (table: string): string => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_tenant_isolation ON ${table}
  USING (tenant_id = current_setting('${TENANT_SETTING}', true))
  WITH CHECK (tenant_id = current_setting('${TENANT_SETTING}', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE};
`;

/** Creates the application role once per cluster; concurrent migrations may race, which is harmless. */
export const appRoleSql = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    CREATE ROLE ${APP_ROLE} NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
`;
