/**
 * Checks a Slack message against the Block Kit rules that can be checked without Slack: the block
 * and element types a nudge uses, the properties each may have (Slack refuses unknown ones with
 * `invalid_blocks`), and the length and count limits. Pure; it takes any value, so the receiver in
 * tests can check what really went over the wire, and the sender refuses a message Slack would refuse.
 */
import { BLOCK_KIT_LIMITS as LIMITS } from './block-kit.limits';

export interface BlockKitProblem {
  /** Where, as a path into the message: `blocks[2].elements[0].text.text`. */
  readonly path: string;
  readonly problem: string;
}

type Json = Record<string, unknown>;

const BLOCK_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  header: ['type', 'block_id', 'text'],
  section: ['type', 'block_id', 'text', 'fields'],
  actions: ['type', 'block_id', 'elements'],
  context: ['type', 'block_id', 'elements'],
  divider: ['type', 'block_id'],
};
const BUTTON_PROPERTIES = ['type', 'action_id', 'text', 'url', 'value', 'style', 'accessibility_label'];
const STATIC_SELECT_PROPERTIES = ['type', 'action_id', 'placeholder', 'options', 'initial_option'];

/** A whole message: its fallback `text` and its `blocks`. */
export const validateSlackMessage = (message: { readonly text: unknown; readonly blocks: unknown }): BlockKitProblem[] => {
  const problems: BlockKitProblem[] = [];
  if (typeof message.text !== 'string' || message.text.trim() === '') problems.push({ path: 'text', problem: 'a fallback text is required' });
  else if (message.text.length > LIMITS.fallbackText) problems.push({ path: 'text', problem: `longer than ${LIMITS.fallbackText} characters` });
  return [...problems, ...validateSlackBlocks(message.blocks)];
};

export const validateSlackBlocks = (blocks: unknown): BlockKitProblem[] => {
  const check = new Checker();
  if (!Array.isArray(blocks)) return [{ path: 'blocks', problem: 'must be a list' }];
  if (blocks.length === 0) check.fail('blocks', 'must not be empty');
  if (blocks.length > LIMITS.blocksPerMessage) check.fail('blocks', `more than ${LIMITS.blocksPerMessage} blocks`);
  blocks.forEach((block, index) => check.block(block, `blocks[${index}]`));
  return check.problems;
};

class Checker {
  readonly problems: BlockKitProblem[] = [];
  private readonly blockIds = new Set<string>();
  private readonly actionIds = new Set<string>();

  fail(path: string, problem: string): void {
    this.problems.push({ path, problem });
  }

  block(block: unknown, path: string): void {
    if (!isObject(block)) return this.fail(path, 'must be an object');
    const type = block.type;
    const allowed = typeof type === 'string' ? BLOCK_PROPERTIES[type] : undefined;
    if (!allowed) return this.fail(`${path}.type`, `unknown block type ${JSON.stringify(type)}`);
    this.onlyProperties(block, allowed, path);
    if (block.block_id !== undefined) this.uniqueId(block.block_id, LIMITS.blockId, this.blockIds, `${path}.block_id`);
    if (type === 'header') this.textObject(block.text, `${path}.text`, LIMITS.headerText, ['plain_text']);
    if (type === 'section') this.section(block, path);
    if (type === 'actions') this.elements(block.elements, `${path}.elements`, LIMITS.elementsPerActions, (element, at) => this.actionElement(element, at));
    if (type === 'context') {
      this.elements(block.elements, `${path}.elements`, LIMITS.elementsPerContext, (element, at) =>
        this.textObject(element, at, LIMITS.contextText, ['plain_text', 'mrkdwn']),
      );
    }
  }

  private section(block: Json, path: string): void {
    if (block.text === undefined && block.fields === undefined) return this.fail(path, 'a section needs text or fields');
    if (block.text !== undefined) this.textObject(block.text, `${path}.text`, LIMITS.sectionText, ['plain_text', 'mrkdwn']);
    if (block.fields !== undefined) {
      this.elements(block.fields, `${path}.fields`, LIMITS.fieldsPerSection, (field, at) =>
        this.textObject(field, at, LIMITS.fieldText, ['plain_text', 'mrkdwn']),
      );
    }
  }

  private elements(elements: unknown, path: string, max: number, each: (element: unknown, path: string) => void): void {
    if (!Array.isArray(elements) || elements.length === 0) return this.fail(path, 'must be a non-empty list');
    if (elements.length > max) this.fail(path, `more than ${max} elements`);
    elements.forEach((element, index) => each(element, `${path}[${index}]`));
  }

  /** Buttons (links, or values for an interactive answer) and the static select menu a one-tap answer asks comfort with. */
  private actionElement(element: unknown, path: string): void {
    if (isObject(element) && element.type === 'static_select') return this.staticSelect(element, path);
    if (!isObject(element) || element.type !== 'button') return this.fail(`${path}.type`, 'only buttons and static select menus are used in an actions block');
    this.button(element, path);
  }

  private staticSelect(element: Json, path: string): void {
    this.onlyProperties(element, STATIC_SELECT_PROPERTIES, path);
    this.uniqueId(element.action_id, LIMITS.actionId, this.actionIds, `${path}.action_id`);
    if (element.placeholder !== undefined) this.textObject(element.placeholder, `${path}.placeholder`, LIMITS.placeholderText, ['plain_text']);
    this.elements(element.options, `${path}.options`, LIMITS.selectOptions, (option, at) => this.option(option, at));
    if (element.initial_option !== undefined) this.option(element.initial_option, `${path}.initial_option`);
  }

  private option(option: unknown, path: string): void {
    if (!isObject(option)) return this.fail(path, 'must be an option object');
    this.onlyProperties(option, ['text', 'value', 'description'], path);
    this.textObject(option.text, `${path}.text`, LIMITS.optionText, ['plain_text']);
    this.string(option.value, `${path}.value`, LIMITS.optionValue);
  }

  private button(element: Json, path: string): void {
    this.onlyProperties(element, BUTTON_PROPERTIES, path);
    this.textObject(element.text, `${path}.text`, LIMITS.buttonText, ['plain_text']);
    if (element.action_id !== undefined) this.uniqueId(element.action_id, LIMITS.actionId, this.actionIds, `${path}.action_id`);
    if (element.url !== undefined) this.url(element.url, `${path}.url`);
    if (element.value !== undefined) this.string(element.value, `${path}.value`, LIMITS.buttonValue);
    if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
      this.fail(`${path}.style`, 'must be primary or danger');
    }
    if (element.accessibility_label !== undefined) this.string(element.accessibility_label, `${path}.accessibility_label`, LIMITS.buttonAccessibilityLabel);
  }

  private textObject(value: unknown, path: string, max: number, types: readonly string[]): void {
    if (!isObject(value)) return this.fail(path, 'must be a text object');
    if (typeof value.type !== 'string' || !types.includes(value.type)) return this.fail(`${path}.type`, `must be ${types.join(' or ')}`);
    this.onlyProperties(value, value.type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim'], path);
    this.string(value.text, `${path}.text`, max);
  }

  private string(value: unknown, path: string, max: number): void {
    if (typeof value !== 'string' || value.length === 0) this.fail(path, 'must be a non-empty string');
    else if (value.length > max) this.fail(path, `longer than ${max} characters`);
  }

  private url(value: unknown, path: string): void {
    this.string(value, path, LIMITS.url);
    if (typeof value === 'string' && !isWebUrl(value)) this.fail(path, 'must be an http or https URL');
  }

  private uniqueId(value: unknown, max: number, seen: Set<string>, path: string): void {
    this.string(value, path, max);
    if (typeof value !== 'string') return;
    if (seen.has(value)) this.fail(path, `${JSON.stringify(value)} is used twice`);
    seen.add(value);
  }

  private onlyProperties(value: Json, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.fail(`${path}.${key}`, 'is not a property Block Kit knows here');
  }
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const isWebUrl = (value: string): boolean => {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};
