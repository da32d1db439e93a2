/**
 * A nudge as an Adaptive Card 1.4 (the version Teams renders on every client) inside the message a
 * Workflows webhook posts: the title and lines as TextBlocks, the facts as a FactSet, an
 * Action.OpenUrl per action, and a quiet footer. Pure. Text is shortened so the message stays well
 * inside Teams' 28 KB limit. Teams reads the text as markdown, so every text is escaped: the words
 * show as they were typed, and the actions are the card's only links.
 */
import type { MessageAction, NudgeMessage } from '../channel';
import { escapeAdaptiveCardMarkdown, truncateAdaptiveCardText as truncate } from './adaptive-card-text';

export const ADAPTIVE_CARD_VERSION = '1.4';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly size?: 'Small' | 'Default' | 'Medium' | 'Large';
  readonly weight?: 'Bolder';
  readonly isSubtle?: true;
  readonly spacing?: 'Medium';
}

export interface FactSet {
  readonly type: 'FactSet';
  readonly facts: readonly { readonly title: string; readonly value: string }[];
}

export interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: typeof ADAPTIVE_CARD_SCHEMA;
  readonly version: typeof ADAPTIVE_CARD_VERSION;
  readonly fallbackText: string;
  readonly body: readonly (TextBlock | FactSet)[];
  readonly actions?: readonly OpenUrlAction[];
}

/** What a Workflows "webhook request received" trigger expects: a message with the card as its one attachment. */
export interface TeamsWorkflowMessage {
  readonly type: 'message';
  readonly attachments: readonly [{ readonly contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; readonly contentUrl: null; readonly content: AdaptiveCard }];
}

export interface AdaptiveCardRenderOptions {
  /** The small line at the bottom; `null` for none. */
  readonly footer?: string | null;
}

export const DEFAULT_TEAMS_FOOTER = 'Sent by Stepwise';

const LIMITS = { title: 200, lines: 6000, factTitle: 100, factValue: 500, facts: 20, action: 60, fallback: 1000 } as const;

export const renderAdaptiveCard = (message: NudgeMessage, options: AdaptiveCardRenderOptions = {}): AdaptiveCard => {
  const footer = options.footer === undefined ? DEFAULT_TEAMS_FOOTER : options.footer;
  const facts = Object.entries(message.facts).slice(0, LIMITS.facts);
  const body: (TextBlock | FactSet)[] = [
    ...(message.title.trim() === '' ? [] : [titleBlock(message.title)]),
    ...bodyLines(message).map((text): TextBlock => ({ type: 'TextBlock', text, wrap: true })),
    ...(facts.length === 0 ? [] : [factSet(facts)]),
    ...(footer && footer.trim() !== '' ? [footerBlock(footer)] : []),
  ];
  const actions = message.actions.map(openUrl);
  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    fallbackText: markdownText([message.title, message.text].filter((part) => part.trim() !== '').join('\n'), LIMITS.fallback),
    body,
    ...(actions.length === 0 ? {} : { actions }),
  };
};

export const teamsWorkflowMessage = (card: AdaptiveCard): TeamsWorkflowMessage => ({
  type: 'message',
  attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, contentUrl: null, content: card }],
});

const titleBlock = (title: string): TextBlock => ({ type: 'TextBlock', text: markdownText(title.trim(), LIMITS.title), size: 'Large', weight: 'Bolder', wrap: true });

const footerBlock = (footer: string): TextBlock => ({ type: 'TextBlock', text: markdownText(footer.trim(), LIMITS.title), size: 'Small', isSubtle: true, spacing: 'Medium', wrap: true });

/** The lines (or the text where there are none), within a total budget; what does not fit ends in an ellipsis. */
const bodyLines = (message: NudgeMessage): string[] => {
  const lines = (message.lines.length > 0 ? message.lines : [message.text]).filter((line) => line.trim() !== '');
  const kept: string[] = [];
  let room: number = LIMITS.lines;
  for (const line of lines) {
    if (room < 2) {
      const last = kept.length - 1;
      if (!kept[last].endsWith('…')) kept[last] = `${kept[last]} …`;
      break;
    }
    const text = markdownText(line, room);
    kept.push(text);
    room -= text.length;
  }
  return kept;
};

const factSet = (facts: [string, string | number | boolean | null][]): FactSet => ({
  type: 'FactSet',
  facts: facts.map(([title, value]) => ({ title: markdownText(title, LIMITS.factTitle), value: markdownText(formatFact(value), LIMITS.factValue) })),
});

const formatFact = (value: string | number | boolean | null): string =>
  value === null ? '–' : typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value) || '–';

const openUrl = (action: MessageAction): OpenUrlAction => ({ type: 'Action.OpenUrl', title: truncate(action.label.trim() || 'Open', LIMITS.action), url: action.url });

/** Words as markdown that shows them as they are, within `max` UTF-16 units once escaped. */
const markdownText = (text: string, max: number): string => truncate(escapeAdaptiveCardMarkdown(text), max);
