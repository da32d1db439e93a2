/** Where the test tier finds PostgreSQL: the machine's server unless STEPWISE_TEST_PG_URL says otherwise. */
const base = (): URL => new URL(process.env.STEPWISE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

export const adminDatabaseUrl = (): string => base().toString();

export const databaseUrlFor = (name: string): string => {
  const url = base();
  url.pathname = `/${name}`;
  return url.toString();
};

/** The fresh database of this run, made by global-setup. */
export const testDatabaseUrl = (): string => {
  const url = process.env.STEPWISE_TEST_DATABASE_URL;
  if (!url) throw new Error('STEPWISE_TEST_DATABASE_URL is unset: run the suite through jest (global-setup makes it)');
  return url;
};

export const redisUrl = (): string => process.env.STEPWISE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
