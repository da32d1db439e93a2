import { APP_ROLE, appRoleSql, type Migration } from '@stepwise/database';
import { projectionStallsMigration } from './projection-stall';

/** The application role read models run as, its right to move projection checkpoints, and where stalls are reported. */
export const projectionsMigrations: Migration[] = [
  {
    name: '0050_application_role',
    sql: `
${appRoleSql}
GRANT SELECT, INSERT, UPDATE ON es_checkpoints TO ${APP_ROLE};
`,
  },
  projectionStallsMigration,
];
