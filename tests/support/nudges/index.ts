export * from './webhook-receiver';
export * from './static-webhook-endpoints';
export * from './owed-nudges';
export * from './redis-server';
export * from './queue-keys';
export * from './wait-until';
export * from './member-reach';
export * from './delivery-ports';
