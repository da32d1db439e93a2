export * from './errors/coded-error';
export * from './time/clock';
export * from './ids/id-generator';
export * from './tenancy/tenant-context';
export * from './decider/decider';
export * from './pagination/page';
export * from './validation/field.validation';
export * from './validation/storable-text';
