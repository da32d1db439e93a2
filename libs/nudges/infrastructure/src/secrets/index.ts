export * from './secret-box';
export * from './secret-box.errors';
export * from './secrets-key.file';
export * from './open-secret-box';
export * from './shared-key-files';
