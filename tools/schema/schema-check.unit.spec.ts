/**
 * What CI checks on the committed SDL, proven on altered copies of it: the schema linter (eslint with
 * @graphql-eslint, as `npm run lint` runs it) refuses an undescribed field and a PageInfo that is not
 * Relay's, and the drift check (`npm run schema:check`, graphql-inspector) tells a breaking change apart
 * from a file that only needs regenerating.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { driftReport, schemaDrift, SCHEMA_FILE } from './schema-drift';

const root = resolve(__dirname, '..', '..');
const committed = readFileSync(resolve(root, SCHEMA_FILE), 'utf8');

/** `committed` with `from` replaced once; fails the test if `from` is not there (the fixture went stale). */
const altered = (from: string, to: string): string => {
  expect(committed).toContain(from);
  return committed.replace(from, to);
};

interface LintMessage {
  readonly ruleId: string | null;
  readonly message: string;
}

/** Lints SDL text as if it were the committed file, with the repository's own eslint config. */
const lint = (sdl: string): Promise<LintMessage[]> =>
  new Promise((resolvePromise, reject) => {
    const child = execFile(
      resolve(root, 'node_modules/.bin/eslint'),
      ['--format', 'json', '--stdin', '--stdin-filename', SCHEMA_FILE],
      { cwd: root },
      (error, stdout) => {
        // eslint exits 1 when it reports problems; anything else (or no JSON) is a broken run.
        if (error && error.code !== 1) return reject(error);
        try {
          resolvePromise((JSON.parse(stdout) as { messages: LintMessage[] }[])[0].messages);
        } catch (parseError) {
          reject(parseError);
        }
      },
    );
    child.stdin?.end(sdl);
  });

describe('the schema linter', () => {
  it('passes the committed SDL', async () => {
    expect(await lint(committed)).toEqual([]);
  }, 30_000);

  it('refuses a field without a description', async () => {
    const sdl = altered('  """The journey’s id (a UUID). Refetch with `journey(id:)` or `node(id:)`."""\n  id: ID!', '  id: ID!');
    expect(await lint(sdl)).toEqual([
      expect.objectContaining({ ruleId: '@graphql-eslint/require-description', message: expect.stringContaining('"id" in type "Journey"') }),
    ]);
  }, 30_000);

  it('refuses an enum value without a description', async () => {
    const sdl = altered('  """Cannot tell yet."""\n  UNSURE', '  UNSURE');
    expect(await lint(sdl)).toEqual([expect.objectContaining({ ruleId: '@graphql-eslint/require-description', message: expect.stringContaining('UNSURE') })]);
  }, 30_000);

  it('refuses a PageInfo without hasPreviousPage', async () => {
    const sdl = committed.replace(/\n {2}"""[^"]*"""\n {2}hasPreviousPage: Boolean!\n/, '\n');
    expect(sdl).not.toContain('hasPreviousPage');
    expect((await lint(sdl)).map((message) => message.ruleId)).toContain('@graphql-eslint/relay-page-info');
  }, 30_000);
});

describe('the drift check', () => {
  it('passes when the code generates the committed SDL', async () => {
    const drift = await schemaDrift(committed, committed);
    expect(drift).toEqual({ kind: 'current' });
    expect(driftReport(drift).ok).toBe(true);
  });

  it('fails on a removed field with the list of breaking changes', async () => {
    const generated = altered('  """The journey’s id (a UUID). Refetch with `journey(id:)` or `node(id:)`."""\n  id: ID!\n', '');
    const drift = await schemaDrift(committed, generated);
    expect(drift).toEqual({ kind: 'breaking', breaking: [expect.stringContaining("Field 'id' was removed from object type 'Journey'")] });
    const report = driftReport(drift);
    expect(report.ok).toBe(false);
    expect(report.text).toContain('breaks clients');
  });

  it('fails on an optional argument made required, as breaking', async () => {
    const generated = altered('    after: String\n', '    after: String!\n');
    const drift = await schemaDrift(committed, generated);
    expect(drift.kind).toBe('breaking');
  });

  it('fails on a non-breaking difference, asking for the file to be regenerated', async () => {
    const generated = altered('  """Cannot tell yet."""', '  """Cannot tell yet: ask again after the next step."""');
    const drift = await schemaDrift(committed, generated);
    expect(drift.kind).toBe('stale');
    const report = driftReport(drift);
    expect(report.ok).toBe(false);
    expect(report.text).toContain('Run npm run schema:write and commit.');
  });
});
