export * from './outbound-http.errors';
export * from './outbound-http.options';
export * from './post-json';
export type { TestReceiverExemption } from './test-receiver-exemption';
export * from './filtering-fetch';
export * from './outbound-refusal';
