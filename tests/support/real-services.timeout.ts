// Suites that boot processes or open databases get a budget that holds on a busy 2-core machine:
// jest's 5 s default, meant for unit tests, failed setups that were merely slow. (Jest ignores
// `testTimeout` in a project's config, so each project sets it here.)
jest.setTimeout(60_000);
