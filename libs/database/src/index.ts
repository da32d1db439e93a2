export * from './sql-database.port';
export * from './postgres.database';
export * from './pglite.database';
export * from './pglite-folder.lock';
export * from './migration.runner';
export * from './open-database';
export * from './tenant-scope';
export * from './tenant-reader';
