import type { Migration } from '@stepwise/event-store';
import { APP_ROLE, appRoleSql } from './tenant-scope';

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
