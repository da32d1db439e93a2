// Test support, imported by specs only (`@stepwise/kernel/testing`); production entry points never
// export it (the lint forbids it), so jest's `expect` stays out of the apps.
export * from './decider-spec';
