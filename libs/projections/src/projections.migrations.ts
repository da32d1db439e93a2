import type { Migration } from '@stepwise/database';
import { APP_ROLE, appRoleSql } from '@stepwise/database';

/** The application role read models run as, and its right to move projection checkpoints. */
export const projectionsMigrations: Migration[] = [
  {
    name: '0050_application_role',
    sql: `
${appRoleSql}
GRANT SELECT, INSERT, UPDATE ON es_checkpoints TO ${APP_ROLE};
`,
  },
];
