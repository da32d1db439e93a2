// The write side: one command per use case, and the handlers the api registers. The read side's
// ports and access rules have their own entry point, `@stepwise/tenancy-application/read`.
export * from './commands';
