/**
 * A nudge as a Slack message: Block Kit (a header with the title, sections with the lines, the facts
 * as fields, a button per action, a context footer) and the plain-text `text` Slack shows in
 * notifications and where blocks cannot be shown. Pure; long text is shortened to fit Block Kit's
 * limits rather than refused. A nudge's words hold what members typed, so in the blocks they go only
 * into plain_text, which Slack shows as it is; the fallback text is sent with mrkdwn switched off and
 * Slack's control characters escaped. Either way they can never mention `@channel`, make a link or
 * format text.
 */
import type { ActionsBlock, Button, ContextBlock, HeaderBlock, SectionBlock } from '@slack/types';
import type { MessageAction, NudgeMessage } from '../channel';
import { BLOCK_KIT_LIMITS as LIMITS } from './block-kit.limits';
import { escapeSlackMrkdwn, truncateSlackText } from './slack-text';

export type NudgeBlock = HeaderBlock | SectionBlock | ActionsBlock | ContextBlock;

/**
 * A nudge for Slack: a NudgeMessage, and optionally blocks that answer it in place (a comfort menu
 * and answer buttons whose values Slack sends back to the app's interactivity endpoint). They stand
 * where the link buttons would; the fallback text keeps the links. Only where a Slack app receives
 * the interactions: elsewhere the buttons would do nothing.
 */
export interface SlackNudgeMessage extends NudgeMessage {
  readonly answerBlocks?: readonly SlackAnswerBlock[];
}

export type SlackAnswerBlock = SectionBlock | ActionsBlock;

export interface SlackMessage {
  /** The notification and fallback text: plain, with `&`, `<` and `>` escaped. */
  readonly text: string;
  /** Slack is told not to read `text` as mrkdwn (chat.postMessage's `mrkdwn` argument, the same field in a webhook's payload). */
  readonly mrkdwn: false;
  readonly blocks: readonly NudgeBlock[];
}

export interface SlackRenderOptions {
  /** The context line under the message; `null` for none. */
  readonly footer?: string | null;
}

export const DEFAULT_SLACK_FOOTER = 'Sent by Stepwise';

/** Room kept in the fallback for what escaping adds; Slack's notifications show far less anyway. */
const FALLBACK_SOURCE_LENGTH = 3000;

export const renderSlackMessage = (message: SlackNudgeMessage, options: SlackRenderOptions = {}): SlackMessage => {
  const footer = options.footer === undefined ? DEFAULT_SLACK_FOOTER : options.footer;
  const header = headerBlocks(message.title);
  const facts = factSections(message.facts);
  const actions = message.answerBlocks && message.answerBlocks.length > 0 ? [...message.answerBlocks] : actionBlocks(message.actions);
  const context = footer && footer.trim() !== '' ? [contextBlock(footer)] : [];
  const roomForBody = LIMITS.blocksPerMessage - header.length - facts.length - actions.length - context.length;
  const body = bodySections(bodyLines(message), Math.max(1, roomForBody));
  return { text: fallbackText(message), mrkdwn: false, blocks: [...header, ...body, ...facts, ...actions, ...context] };
};

/** What the message says in full: its lines where it has them, else its text. */
const bodyLines = (message: NudgeMessage): string[] =>
  (message.lines.length > 0 ? message.lines : [message.text]).filter((line) => line.trim() !== '');

const headerBlocks = (title: string): HeaderBlock[] =>
  title.trim() === '' ? [] : [{ type: 'header', text: { type: 'plain_text', text: truncateSlackText(title.trim(), LIMITS.headerText), emoji: true } }];

/** Lines packed into as few sections as fit 3000 characters each, within the blocks left. */
const bodySections = (lines: readonly string[], room: number): SectionBlock[] => {
  const texts: string[] = [];
  for (const line of lines.map((text) => truncateSlackText(text, LIMITS.sectionText))) {
    const last = texts.length - 1;
    if (last >= 0 && texts[last].length + 1 + line.length <= LIMITS.sectionText) texts[last] = `${texts[last]}\n${line}`;
    else texts.push(line);
  }
  const kept = texts.slice(0, room);
  if (texts.length > room) kept[room - 1] = truncateSlackText(`${kept[room - 1]}\n…`, LIMITS.sectionText);
  return kept.map((text) => ({ type: 'section', text: { type: 'plain_text', text, emoji: true } }));
};

/** Each fact as a field, its label over its value: plain_text, as labels and values may hold what members typed. */
const factSections = (facts: NudgeMessage['facts']): SectionBlock[] => {
  const fields = Object.entries(facts).map(([label, value]) => ({
    type: 'plain_text' as const,
    text: truncateSlackText(`${label}\n${formatFact(value)}`, LIMITS.fieldText),
    emoji: true,
  }));
  return chunk(fields, LIMITS.fieldsPerSection).map((group) => ({ type: 'section', fields: group }));
};

const formatFact = (value: string | number | boolean | null): string =>
  value === null ? '–' : typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value);

const actionBlocks = (actions: readonly MessageAction[]): ActionsBlock[] =>
  chunk(actions.map(button), LIMITS.elementsPerActions).map((elements) => ({ type: 'actions', elements }));

/** A link button; Slack opens `url` in the browser. The action id only has to be unique in the message. */
const button = (action: MessageAction, index: number): Button => ({
  type: 'button',
  action_id: `nudge-action-${index + 1}`,
  text: { type: 'plain_text', text: truncateSlackText(action.label.trim() || 'Open', LIMITS.buttonText), emoji: true },
  url: action.url,
});

const contextBlock = (footer: string): ContextBlock => ({
  type: 'context',
  elements: [{ type: 'plain_text', text: truncateSlackText(footer.trim(), LIMITS.contextText), emoji: true }],
});

const fallbackText = (message: NudgeMessage): string => {
  const links = message.actions.map((action) => `${action.label}: ${action.url}`);
  const plain = [message.title, message.text, ...links].filter((part) => part.trim() !== '').join('\n');
  return escapeSlackMrkdwn(truncateSlackText(plain, FALLBACK_SOURCE_LENGTH));
};

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) groups.push(items.slice(start, start + size));
  return groups;
};
