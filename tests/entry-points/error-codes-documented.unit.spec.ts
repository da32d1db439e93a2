/**
 * The README names only codes Stepwise gives, and every code a client, an operator or a person
 * following a link can receive is named in the README: a user looking up a code finds it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

const sources = (folder: string): string[] =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.includes('node_modules'))
    .map((file) => readFileSync(join(root, folder, file), 'utf8'));

const code = [...sources('apps'), ...sources('libs')].join('\n');

/** Codes that never reach anyone as a code: they are handled inside Stepwise, or are a refusal's `details.reason`. */
const INTERNAL = new Set([
  // the event store's own refusals: command handlers retry or turn them into a domain code
  'WRONG_EXPECTED_VERSION', 'CONCURRENT_APPEND', 'DUPLICATE_EVENT_ID', 'CHECKPOINT_CONFLICT', 'SUBSCRIPTION_STOPPED', 'EVENT_TOO_LARGE',
  // defects: logged as such and answered INTERNAL
  'TENANT_CONTEXT_MISSING', 'TENANT_MISMATCH', 'TENANT_READ_ONLY', 'EVENT_NOT_DECODABLE', 'UPCASTER_DUPLICATE', 'SQL_SESSION_BUSY', 'DATABASE_CLOSED', 'LOOPBACK_ONLY_GUARD',
  // sealed secrets that cannot be opened: a channel passed over, with its reason in the attempt
  'SECRET_UNSEAL_FAILED', 'SECRET_KEY_UNKNOWN', 'AUTHENTICATION_FAILED',
  // reasons inside ANSWER_LINK_INVALID and SLACK_SIGNATURE_INVALID
  'MALFORMED', 'BAD_SIGNATURE', 'UNSUPPORTED_VERSION', 'MISSING_SIGNATURE', 'MISSING_TIMESTAMP', 'MALFORMED_SIGNATURE', 'MALFORMED_TIMESTAMP', 'STALE_TIMESTAMP',
]);

/** The codes errors are made with: `super('CODE'`, `new CodedError('CODE'`, `code: 'CODE'`. */
const thrown = new Set([...code.matchAll(/(?:super|Error)\(\s*'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'|\bcode: '([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)].map((match) => match[1] ?? match[2]));

/** Environment variables the README names that are not Stepwise's settings. */
const NOT_CODES = new Set(['NODE_OPTIONS']);

const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const notSetting = (name: string) => !name.startsWith('STEPWISE_') && !NOT_CODES.has(name);

/** Codes the README names as a code span of their own (`LAST_ADMIN`), settings aside. */
const documented = new Set([...readme.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]).filter((span) => CODE.test(span) && notSetting(span)));

/** Codes the README names anywhere in a code span (`410 ANSWER_LINK_EXPIRED`, `MIGRATION_FAILED: …`). */
const mentioned = new Set([...readme.replace(/```[^]*?```/g, '').matchAll(/`([^`]+)`/g)].flatMap((match) => match[1].match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) ?? []).filter(notSetting));

it('names only codes the code has', () => {
  expect(documented.size).toBeGreaterThan(50);
  expect([...documented].filter((name) => !code.includes(`'${name}'`)).sort()).toEqual([]);
});

it('names every code someone can receive', () => {
  expect(thrown.size).toBeGreaterThan(50);
  expect([...thrown].filter((name) => !INTERNAL.has(name) && !mentioned.has(name)).sort()).toEqual([]);
});
