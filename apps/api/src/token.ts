import { parseArgs } from 'node:util';
import { exitOnBootFailure } from '@stepwise/platform';
import { issueLocalToken } from './auth/local-token-issuer';
import { loadApiConfigFromProcess } from './config/api.config';

/**
 * `npm run token -- <subject> [--name "Ada Lovelace"] [--email ada@example.com] [--ttl 3600]`
 * prints a bearer token signed with the local key, for the embedded default and tests.
 */
const main = async (): Promise<void> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, email: { type: 'string' }, ttl: { type: 'string' } },
  });
  const subject = positionals[0];
  if (!subject) {
    process.stderr.write('usage: npm run token -- <subject> [--name NAME] [--email EMAIL] [--ttl SECONDS]\n');
    process.exit(2);
  }
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttlSeconds !== undefined && (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)) {
    process.stderr.write('--ttl must be a positive whole number of seconds\n');
    process.exit(2);
  }
  const config = loadApiConfigFromProcess();
  const token = await issueLocalToken(config.auth, { subject, name: values.name, email: values.email, ttlSeconds });
  process.stdout.write(`${token}\n`);
};

main().catch(exitOnBootFailure);
