import { z } from 'zod';
import { ConfigError } from './config.error';
import { answerLinkSettings, slackInteractionSettings } from './answer-link.settings';
import { apiSettings } from './api.settings';
import { outboundSettings } from './outbound.settings';
import { sharedSettings } from './shared.settings';
import { workerSettings } from './worker.settings';

const PREFIX = 'STEPWISE_';

/** Every setting any Stepwise process knows: a STEPWISE_ variable outside this set is a typo. */
export const EVERY_SETTING: Readonly<Record<string, z.ZodTypeAny>> = {
  ...sharedSettings,
  ...apiSettings,
  ...outboundSettings,
  ...workerSettings,
  ...answerLinkSettings,
  ...slackInteractionSettings,
};
const knownKeys = new Set(Object.keys(EVERY_SETTING));

/** The test suite's own settings (STEPWISE_TEST_PG_URL…): exported for `npm test`, read by no process. */
const TEST_SUITE_PREFIX = 'STEPWISE_TEST_';

/**
 * Reads and validates one app's settings from an environment. Unknown STEPWISE_ variables and
 * malformed values stop the boot with a ConfigError naming each setting: the values of settings
 * another process reads too, so a deployment sharing one environment (docker-compose's `.env`) is
 * refused by every process, not only by the one that reads the bad value.
 */
export const readSettings = <Shape extends z.ZodRawShape>(
  shape: Shape,
  env: Readonly<Record<string, string | undefined>>,
): z.infer<z.ZodObject<Shape>> => {
  const problems: string[] = [];
  for (const key of Object.keys(env).sort()) {
    if (key.startsWith(PREFIX) && !key.startsWith(TEST_SUITE_PREFIX) && !knownKeys.has(key)) problems.push(`${key}: unknown setting`);
  }
  const picked: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = z.object(shape).safeParse(picked);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  for (const key of Object.keys(env).sort()) {
    const value = env[key];
    if (Object.hasOwn(shape, key) || !knownKeys.has(key) || value === undefined || value === '') continue;
    const other = EVERY_SETTING[key].safeParse(value);
    if (!other.success) for (const issue of other.error.issues) problems.push(`${key}: ${issue.message}`);
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
};
