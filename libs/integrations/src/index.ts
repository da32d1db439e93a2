export * from './channel';
export * from './slack';
export * from './teams';
export * from './email';
