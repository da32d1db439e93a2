// `schema:write` writes the api's GraphQL schema as SDL to apps/api/schema.graphql; `schema:check`
// fails when that file is not what the code generates (listing breaking changes apart).
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildApiSchema, printApiSchema } from '@stepwise/api';
import { driftReport, schemaDrift, SCHEMA_FILE } from './schema-drift';

const main = async (mode: string | undefined): Promise<number> => {
  if (mode !== 'write' && mode !== 'check') {
    process.stderr.write('usage: print-schema.ts write|check\n');
    return 2;
  }
  const file = resolve(__dirname, '..', '..', SCHEMA_FILE);
  const generated = printApiSchema(await buildApiSchema());
  if (mode === 'write') {
    await writeFile(file, generated);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
    return 0;
  }
  const committed = await readFile(file, 'utf8').catch(() => null);
  if (committed === null) {
    process.stderr.write(`${SCHEMA_FILE} is missing. Run npm run schema:write and commit.\n`);
    return 1;
  }
  const { ok, text } = driftReport(await schemaDrift(committed, generated));
  (ok ? process.stdout : process.stderr).write(`${text}\n`);
  return ok ? 0 : 1;
};

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
