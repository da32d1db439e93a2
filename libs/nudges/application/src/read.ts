// The read side: the read-model ports query resolvers and the delivery side use, and who may see what.
// Nothing here imports a command handler.
export * from './nudges-read.port';
export * from './webhook-endpoint-directory.port';
export * from './member-reachability.port';
export * from './secret-sealer.port';
export * from './access/nudges-access.policy';
export * from './integrations';
