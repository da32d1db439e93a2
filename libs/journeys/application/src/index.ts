// The write side: one command per use case, and the handlers the api registers. The read side's
// ports and access rules have their own entry point, `@stepwise/journeys-application/read`.
export * from './commands';
// One-tap answers to reflection nudges: a signed link records the reflection as its member.
export * from './answers';
