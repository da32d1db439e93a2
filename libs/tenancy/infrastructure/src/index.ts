export * from './tenancy.migrations';
export * from './organisation-members.projection';
export * from './teams.projection';
export * from './sql-membership-directory';
export * from './sql-tenancy.read-model';
export * from './tenancy.upcasters';
export * from './cached-membership-directory';
export * from './memberships.channel';
