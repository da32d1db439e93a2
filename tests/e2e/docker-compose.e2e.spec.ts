/**
 * The docker-compose deployment without a Docker engine: each Stepwise service's command from
 * docker-compose.yml, run here with the environment compose would give it from `.env.example`,
 * only the network addresses pointed at this machine (PostgreSQL, Redis, a free port, the key volume).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, redisUrl, type ScratchDatabase } from '../support/test-database';
import { http } from '../support/stepwise-harness';
import { composeServices, interpolate, readEnvFile } from './support/compose-environment';
import { descendantsOf, eventually, isAlive, spawnProcess, type SpawnedProcess } from './support/spawned-process';

/** An api in a container listens on 0.0.0.0; it logs that address with the port it got. */
const LISTENING_ANYWHERE = /"url":"http:\/\/[^/"]+:(\d+)\/graphql"/;

describe('docker-compose.yml with .env.example', () => {
  let database: ScratchDatabase;
  let dir: string;
  const running: SpawnedProcess[] = [];

  /** Starts a compose service's command with its compose environment, addresses made local. */
  const run = (service: string, variables: Record<string, string>): SpawnedProcess => {
    const { command, env } = composeServices(variables)[service];
    const local: Record<string, string> = {
      ...env,
      STEPWISE_DATABASE_URL: database.url,
      STEPWISE_REDIS_URL: redisUrl(),
      STEPWISE_AUTH_LOCAL_KEY_FILE: env.STEPWISE_AUTH_LOCAL_KEY_FILE.replace(/^\/keys\//, `${dir}/keys/`),
      STEPWISE_DATABASE_POOL_SIZE: '4',
      ...(env.STEPWISE_PORT && { STEPWISE_PORT: '0' }),
    };
    const [program, ...args] = command;
    const started = spawnProcess(program === 'node' ? process.execPath : program, args, local);
    running.push(started);
    return started;
  };

  const stop = async (started: SpawnedProcess): Promise<void> => {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGTERM');
    await started.exited;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-compose-'));
    database = await createScratchDatabase('stepwise_compose');
  });

  afterAll(async () => {
    for (const { pid } of running) for (const each of [pid, ...descendantsOf(pid)]) if (isAlive(each)) process.kill(each, 'SIGKILL');
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('interpolates like compose', () => {
    expect(interpolate('${A:-x} ${B-y} ${C:-z} ${D} $$', { A: '', B: '', C: 'c' })).toBe('x  c  $');
  });

  it('as shipped: migrations run, and the production api and worker refuse, saying what to set; given the public address, the worker boots', async () => {
    const shipped = readEnvFile('.env.example');
    expect(shipped.STEPWISE_ENV).toBe('production');
    const migrate = run('migrate', shipped);
    expect(await migrate.exited).toBe(0);

    const api = run('api', shipped);
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('Stepwise cannot start, its configuration is invalid');
    expect(api.output()).toMatch(/STEPWISE_AUTH_JWKS_URL: required in production; set it to your identity provider's JWKS URL/);
    expect(api.output()).toContain('or set STEPWISE_ENV=development to use the local signing key');
    expect(api.output()).toMatch(/STEPWISE_PUBLIC_URL: required in production on PostgreSQL/);
    expect(api.output()).not.toMatch(/\n\s+at /);

    // Links to its own loopback would reach no one: the worker will not send them.
    const refused = run('worker', shipped);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/STEPWISE_PUBLIC_URL: required in production on PostgreSQL: the links nudges carry/);

    const worker = run('worker', { ...shipped, STEPWISE_PUBLIC_URL: 'https://stepwise.example.test' });
    await worker.waitFor(/"msg":"worker running"/);
    await stop(worker);
  }, 90_000);

  it('in production with an identity provider and a public address, the api boots and is ready', async () => {
    const production = {
      ...readEnvFile('.env.example'),
      STEPWISE_AUTH_JWKS_URL: 'https://idp.example.test/.well-known/jwks.json',
      STEPWISE_AUTH_ISSUER: 'https://idp.example.test/',
      STEPWISE_AUTH_AUDIENCE: 'stepwise',
      STEPWISE_PUBLIC_URL: 'https://stepwise.example.test',
    };
    const api = run('api', production);
    const [, port] = await api.waitFor(LISTENING_ANYWHERE);
    expect((await http(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    await stop(api);
  }, 60_000);

  it('with STEPWISE_ENV=development, api and worker serve with the local key, and the token command works as documented', async () => {
    const development = { ...readEnvFile('.env.example'), STEPWISE_ENV: 'development' };
    const worker = run('worker', development);
    const api = run('api', development);
    const [, port] = await api.waitFor(LISTENING_ANYWHERE);
    await worker.waitFor(/"msg":"worker running"/);

    // `docker compose exec api npm run -s token -- …` runs in the api's environment.
    const apiEnv = composeServices(development).api.env;
    const tokenCommand = spawnProcess('npm', ['run', '-s', 'token', '--', 'ada', '--name', 'Ada Lovelace'], {
      ...apiEnv,
      STEPWISE_AUTH_LOCAL_KEY_FILE: apiEnv.STEPWISE_AUTH_LOCAL_KEY_FILE.replace(/^\/keys\//, `${dir}/keys/`),
    });
    expect(await tokenCommand.exited).toBe(0);
    const token = tokenCommand.output().trim();

    const graphql = async (query: string) =>
      (await http(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) })).json();
    const created = await graphql('mutation { createOrganisation(input: { name: "Composed" }) { outcome { streamId } } }');
    expect(created.errors).toBeUndefined();
    // The worker projects the write into the read models the api reads.
    let organisations: unknown;
    const projected = await eventually(async () => {
      organisations = (await graphql('{ myOrganisations { name myRole } }')).data?.myOrganisations;
      return JSON.stringify(organisations) === JSON.stringify([{ name: 'Composed', myRole: 'ADMIN' }]);
    }, 15_000);
    expect({ projected, organisations }).toEqual({ projected: true, organisations: [{ name: 'Composed', myRole: 'ADMIN' }] });
    await stop(api);
    await stop(worker);
  }, 90_000);
});
