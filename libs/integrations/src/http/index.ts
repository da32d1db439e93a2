export * from './outbound-http.errors';
export * from './outbound-http.options';
export { OutboundConnections, DEFAULT_MAX_SOCKETS_PER_ORIGIN, type OutboundConnectionsOptions } from './outbound-connections';
export * from './post-json';
export type { TestReceiverExemption } from './test-receiver-exemption';
export * from './filtering-fetch';
export * from './outbound-refusal';
export { isLoopbackHost, isNonPublicHost } from './non-public-host';
