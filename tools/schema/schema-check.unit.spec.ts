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

/**
 * Lints each SDL text as if it were the committed file, with the repository's own eslint config, all
 * in one eslint process: starting eslint and loading the config and its plugins is most of a lint's
 * time (four processes took 25 s of a busy machine). Each text is still linted on its own, as
 * `npm run lint` lints the file; the rules that need a schema read the committed file either way.
 */
const lintEach = (texts: readonly string[]): Promise<LintMessage[][]> =>
  new Promise((resolvePromise, reject) => {
    const linter = `
      const { ESLint } = require('eslint');
      const chunks = [];
      process.stdin.on('data', (chunk) => chunks.push(chunk)).on('end', async () => {
        const eslint = new ESLint();
        const messages = [];
        for (const text of JSON.parse(Buffer.concat(chunks).toString('utf8'))) {
          messages.push((await eslint.lintText(text, { filePath: ${JSON.stringify(SCHEMA_FILE)} }))[0].messages);
        }
        process.stdout.write(JSON.stringify(messages));
      });`;
    const child = execFile(process.execPath, ['-e', linter], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error);
      try {
        resolvePromise(JSON.parse(stdout) as LintMessage[][]);
      } catch (parseError) {
        reject(parseError);
      }
    });
    child.stdin?.end(JSON.stringify(texts));
  });

describe('the schema linter', () => {
  const withoutFieldDescription = () =>
    altered('  """The journey’s id (a UUID). Refetch with `journey(id:)` or `node(id:)`."""\n  id: ID!', '  id: ID!');
  const withoutEnumValueDescription = () => altered('  """Cannot tell yet."""\n  UNSURE', '  UNSURE');
  const withoutHasPreviousPage = () => {
    const sdl = committed.replace(/\n {2}"""[^"]*"""\n {2}hasPreviousPage: Boolean!\n/, '\n');
    expect(sdl).not.toContain('hasPreviousPage');
    return sdl;
  };
  let committedLint: LintMessage[];
  let fieldLint: LintMessage[];
  let enumValueLint: LintMessage[];
  let pageInfoLint: LintMessage[];

  beforeAll(async () => {
    [committedLint, fieldLint, enumValueLint, pageInfoLint] = await lintEach([committed, withoutFieldDescription(), withoutEnumValueDescription(), withoutHasPreviousPage()]);
  }, 60_000);

  it('passes the committed SDL', () => {
    expect(committedLint).toEqual([]);
  });

  it('refuses a field without a description', () => {
    expect(fieldLint).toEqual([
      expect.objectContaining({ ruleId: '@graphql-eslint/require-description', message: expect.stringContaining('"id" in type "Journey"') }),
    ]);
  });

  it('refuses an enum value without a description', () => {
    expect(enumValueLint).toEqual([expect.objectContaining({ ruleId: '@graphql-eslint/require-description', message: expect.stringContaining('UNSURE') })]);
  });

  it('refuses a PageInfo without hasPreviousPage', () => {
    expect(pageInfoLint.map((message) => message.ruleId)).toContain('@graphql-eslint/relay-page-info');
  });
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
