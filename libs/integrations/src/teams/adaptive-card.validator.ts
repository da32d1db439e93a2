/**
 * Checks a Workflows message and its Adaptive Card for what Teams would refuse or drop: the
 * attachment's shape, the card type and a version Teams renders, the elements a nudge uses with the
 * properties and values the schema allows, at most six actions (Teams shows no more), web links only,
 * and the 28 KB message limit. Pure; the tests check the same cards again with Microsoft's SDK.
 */
export interface AdaptiveCardProblem {
  readonly path: string;
  readonly problem: string;
}

/** Teams refuses a message (card included) over about 28 KB. */
export const TEAMS_MESSAGE_MAX_BYTES = 28_000;
export const TEAMS_MAX_ACTIONS = 6;

type Json = Record<string, unknown>;

const TEXT_BLOCK_VALUES: Readonly<Record<string, readonly string[]>> = {
  size: ['Small', 'Default', 'Medium', 'Large', 'ExtraLarge'],
  weight: ['Lighter', 'Default', 'Bolder'],
  color: ['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention'],
  spacing: ['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding'],
  horizontalAlignment: ['Left', 'Center', 'Right'],
};
const TEXT_BLOCK_FLAGS = ['wrap', 'isSubtle', 'separator'];
const CARD_PROPERTIES = ['type', '$schema', 'version', 'fallbackText', 'body', 'actions', 'speak', 'lang'];

export const validateTeamsWorkflowMessage = (message: unknown): AdaptiveCardProblem[] => {
  if (!isObject(message) || message.type !== 'message') return [{ path: 'type', problem: 'must be "message"' }];
  const attachments = message.attachments;
  if (!Array.isArray(attachments) || attachments.length !== 1) return [{ path: 'attachments', problem: 'must hold exactly one card' }];
  const [attachment] = attachments as unknown[];
  if (!isObject(attachment) || attachment.contentType !== 'application/vnd.microsoft.card.adaptive') {
    return [{ path: 'attachments[0].contentType', problem: 'must be application/vnd.microsoft.card.adaptive' }];
  }
  const problems = validateAdaptiveCard(attachment.content).map(({ path, problem }) => ({ path: `attachments[0].content.${path}`, problem }));
  const bytes = Buffer.byteLength(JSON.stringify(message), 'utf8');
  if (bytes > TEAMS_MESSAGE_MAX_BYTES) problems.push({ path: '', problem: `the message is ${bytes} bytes; Teams takes at most ${TEAMS_MESSAGE_MAX_BYTES}` });
  return problems;
};

export const validateAdaptiveCard = (card: unknown): AdaptiveCardProblem[] => {
  const problems: AdaptiveCardProblem[] = [];
  const fail = (path: string, problem: string): void => void problems.push({ path, problem });
  if (!isObject(card)) return [{ path: '', problem: 'must be an object' }];
  if (card.type !== 'AdaptiveCard') fail('type', 'must be "AdaptiveCard"');
  if (typeof card.version !== 'string' || !/^1\.[0-5]$/.test(card.version)) fail('version', 'must be a version Teams renders (1.0 to 1.5)');
  onlyProperties(card, CARD_PROPERTIES, '', fail);
  if (card.fallbackText !== undefined && typeof card.fallbackText !== 'string') fail('fallbackText', 'must be a string');
  if (!Array.isArray(card.body)) fail('body', 'must be a list');
  else card.body.forEach((element, index) => checkElement(element, `body[${index}]`, fail));
  if (card.actions !== undefined) {
    if (!Array.isArray(card.actions)) fail('actions', 'must be a list');
    else {
      if (card.actions.length > TEAMS_MAX_ACTIONS) fail('actions', `more than ${TEAMS_MAX_ACTIONS} actions; Teams shows no more`);
      card.actions.forEach((action, index) => checkOpenUrl(action, `actions[${index}]`, fail));
    }
  }
  return problems;
};

type Fail = (path: string, problem: string) => void;

const checkElement = (element: unknown, path: string, fail: Fail): void => {
  if (!isObject(element)) return fail(path, 'must be an object');
  if (element.type === 'TextBlock') return checkTextBlock(element, path, fail);
  if (element.type === 'FactSet') return checkFactSet(element, path, fail);
  fail(`${path}.type`, `unknown element type ${JSON.stringify(element.type)}`);
};

const checkTextBlock = (block: Json, path: string, fail: Fail): void => {
  onlyProperties(block, ['type', 'id', 'text', 'maxLines', ...TEXT_BLOCK_FLAGS, ...Object.keys(TEXT_BLOCK_VALUES)], path, fail);
  nonEmptyString(block.text, `${path}.text`, fail);
  for (const [property, allowed] of Object.entries(TEXT_BLOCK_VALUES)) {
    const value = block[property];
    if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) fail(`${path}.${property}`, `must be one of ${allowed.join(', ')}`);
  }
  for (const flag of TEXT_BLOCK_FLAGS) if (block[flag] !== undefined && typeof block[flag] !== 'boolean') fail(`${path}.${flag}`, 'must be true or false');
};

const checkFactSet = (set: Json, path: string, fail: Fail): void => {
  onlyProperties(set, ['type', 'id', 'facts', 'spacing', 'separator'], path, fail);
  if (!Array.isArray(set.facts) || set.facts.length === 0) return fail(`${path}.facts`, 'must be a non-empty list');
  set.facts.forEach((fact, index) => {
    const at = `${path}.facts[${index}]`;
    if (!isObject(fact)) return fail(at, 'must be an object');
    onlyProperties(fact, ['title', 'value'], at, fail);
    nonEmptyString(fact.title, `${at}.title`, fail);
    nonEmptyString(fact.value, `${at}.value`, fail);
  });
};

const checkOpenUrl = (action: unknown, path: string, fail: Fail): void => {
  if (!isObject(action) || action.type !== 'Action.OpenUrl') return fail(`${path}.type`, 'only Action.OpenUrl is used');
  onlyProperties(action, ['type', 'id', 'title', 'url', 'style', 'tooltip'], path, fail);
  nonEmptyString(action.title, `${path}.title`, fail);
  if (typeof action.url !== 'string' || !isWebUrl(action.url)) fail(`${path}.url`, 'must be an http or https URL');
};

const nonEmptyString = (value: unknown, path: string, fail: Fail): void => {
  if (typeof value !== 'string' || value.trim() === '') fail(path, 'must be a non-empty string');
};

const onlyProperties = (value: Json, allowed: readonly string[], path: string, fail: Fail): void => {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) fail(path === '' ? key : `${path}.${key}`, 'is not a property the schema knows here');
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const isWebUrl = (value: string): boolean => {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};
