import { parseArgs } from 'node:util';
import { CodedError } from '@stepwise/kernel';
import { exitOnBootFailure } from '@stepwise/platform';
import { issueLocalToken } from './auth/local-token-issuer';
import { isUsableSubject, SUBJECT_MAX_LENGTH } from './auth/token-subject';
import { loadApiConfigFromProcess } from './config/api.config';

const USAGE = `usage: npm run token -- <subject> [--name NAME] [--email EMAIL] [--ttl SECONDS]

Prints a bearer token for <subject>, signed with the local key (STEPWISE_AUTH_LOCAL_KEY_FILE,
default .stepwise/local-signing-key.json), for the embedded default and tests.

  --name NAME      display name claim
  --email EMAIL    email claim
  --ttl SECONDS    lifetime in seconds (default 86400, at most 31536000)
  -h, --help       print this help
`;

/** The longest lifetime a local token may have. */
const MAX_TTL_SECONDS = 365 * 24 * 3600;

const options = {
  name: { type: 'string' },
  email: { type: 'string' },
  ttl: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Wrong usage: what was wrong and the usage on stderr, exit 2 (the shell's convention for misuse). */
const misuse = (problem: string): never => {
  process.stderr.write(`${problem}\n\n${USAGE}`);
  process.exit(2);
};

const parse = () => {
  try {
    return parseArgs({ allowPositionals: true, options });
  } catch (error) {
    // parseArgs throws plain errors for unknown flags and missing values; those are usage mistakes.
    return misuse(error instanceof Error ? error.message : String(error));
  }
};

/**
 * `npm run token -- <subject> [--name "Ada Lovelace"] [--email ada@example.com] [--ttl 3600]`
 * prints a bearer token signed with the local key, for the embedded default and tests.
 */
const main = async (): Promise<void> => {
  const { positionals, values } = parse();
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const subject = positionals[0];
  if (!subject) return misuse('name the subject the token is for');
  if (positionals.length > 1) return misuse(`one subject only (got ${positionals.map((p) => JSON.stringify(p)).join(', ')})`);
  // A token the api would refuse ("the token has no usable subject") is not printed.
  const given: string = subject;
  if (!isUsableSubject(subject)) {
    const found =
      given.trim() !== given ? 'it has spaces around it' : given.length > SUBJECT_MAX_LENGTH ? `it is ${given.length} characters` : 'it holds a control character or other text a name cannot';
    return misuse(`the subject must be 1 to ${SUBJECT_MAX_LENGTH} characters of text, with no space around it (${found})`);
  }
  // Digits only: Number() also reads "1e3" and "0x10", and a huge value made a token that never expires.
  const ttlSeconds = values.ttl === undefined ? undefined : /^\d{1,9}$/.test(values.ttl) ? Number(values.ttl) : NaN;
  if (ttlSeconds !== undefined && !(ttlSeconds > 0 && ttlSeconds <= MAX_TTL_SECONDS)) {
    return misuse(`--ttl must be a positive whole number of seconds, at most ${MAX_TTL_SECONDS} (a year)`);
  }
  const config = loadApiConfigFromProcess('maintain');
  if (config.auth.keys.kind !== 'local') {
    // Coded as seed:demo's refusal of the same setting.
    throw new CodedError('LOCAL_KEY_REQUIRED', 'STEPWISE_AUTH_JWKS_URL is set: tokens come from that identity provider, not from the local key');
  }
  const token = await issueLocalToken(config.auth, { subject, name: values.name, email: values.email, ttlSeconds });
  process.stdout.write(`${token}\n`);
};

main().catch(exitOnBootFailure);
