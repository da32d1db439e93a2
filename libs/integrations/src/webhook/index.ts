export * from './webhook.payload';
export * from './webhook-secret';
export * from './webhook-signature';
export * from './webhook.sender';
