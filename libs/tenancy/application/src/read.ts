// The read side: the read-model ports query resolvers and the auth guard use, and who may see what.
// Nothing here imports a command handler.
export * from './membership-directory.port';
export * from './tenancy-read.port';
export * from './access/team-access.policy';
