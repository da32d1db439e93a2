/**
 * What a booted Stepwise logs when clients make mistakes: each client error once, at `info`
 * (`warn` for a failed authentication), and nothing at `error`, which is kept for what needs a person.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueLocalToken, loadApiConfig } from '@stepwise/api';
import { http } from '../support/stepwise-harness';
import { compiledEntry, LISTENING, spawnProcess, type SpawnedProcess } from './support/spawned-process';

describe('log levels of client errors', () => {
  let dir: string;
  let stepwise: SpawnedProcess;
  let url: string;
  let token: string;

  const post = async (query: string, headers: Record<string, string> = {}): Promise<string | undefined> => {
    const response = await http(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    return response.json<{ errors?: { extensions: { code: string } }[] }>().errors?.[0]?.extensions.code;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-logs-'));
    const env = { STEPWISE_DATA_DIR: join(dir, 'data'), STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'key.json') };
    token = await issueLocalToken(loadApiConfig(env, dir).auth, { subject: 'log-admin' });
    stepwise = spawnProcess(process.execPath, [compiledEntry('apps/stepwise/src/main.ts')], { ...env, STEPWISE_PORT: '0', STEPWISE_LOG_LEVEL: 'info' });
    [, url] = await stepwise.waitFor(LISTENING);
  }, 60_000);

  afterAll(async () => {
    stepwise.child.kill('SIGTERM');
    await stepwise.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it('logs client errors at info, failed authentication at warn, and nothing at error', async () => {
    const bearer = { authorization: `Bearer ${token}` };
    const codes = [
      await post('{ myOrganisations { id } }'),
      await post('{ myOrganisations { id } }', { authorization: 'Bearer not-a-token' }),
      await post('{ teams { name } }', bearer),
      await post('{ teams { name } }', { ...bearer, 'x-organisation-id': randomUUID() }),
      await post('mutation { createOrganisation(input: { name: "" }) { organisation { id } } }', bearer),
      await post('{ nope }', bearer),
    ];
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'VALIDATION_FAILED', 'ORGANISATION_NOT_FOUND', 'VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

    // The last request's log line may still be on its way through the pipe.
    await stepwise.waitFor(/"code":"GRAPHQL_VALIDATION_FAILED"/, 5_000).catch(() => undefined);
    const lines = stepwise
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; msg: string; code?: string });
    const clientErrors = lines.filter((line) => line.code !== undefined).map(({ level, code }) => ({ level, code }));
    expect(clientErrors).toEqual([
      { level: 'warn', code: 'UNAUTHENTICATED' },
      { level: 'warn', code: 'UNAUTHENTICATED' },
      { level: 'info', code: 'VALIDATION_FAILED' },
      { level: 'info', code: 'ORGANISATION_NOT_FOUND' },
      { level: 'info', code: 'VALIDATION_FAILED' },
      { level: 'info', code: 'GRAPHQL_VALIDATION_FAILED' },
    ]);
    expect(lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
  });

  it('answers a malformed or oversized body with a 4xx and logs no error', async () => {
    const before = stepwise.output().length;
    const malformed = await http(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' });
    const oversized = await http(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `"${'a'.repeat(300_000)}"` });
    expect([malformed.status, oversized.status]).toEqual([400, 413]);
    expect(malformed.json()).toEqual({ errors: [{ message: expect.stringMatching(/^The request body cannot be read as JSON: /), extensions: { code: 'BAD_REQUEST' } }] });
    expect(oversized.json()).toEqual({ errors: [{ message: 'The request body is larger than the 256 KiB allowed', extensions: { code: 'BAD_REQUEST' } }] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const logged = stepwise.output().slice(before);
    expect(logged).not.toMatch(/"level":"(error|fatal)"/);
  });
});
