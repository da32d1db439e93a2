export * from './channel';
export * from './slack';
export * from './teams';
export * from './email';
export * from './http';
export * from './retry';
export * from './webhook';
export * from './secret-scrub';
