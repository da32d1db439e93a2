/**
 * One-tap answers in Slack (Block Kit). The nudge message carries a comfort menu (1 to 5) and one
 * button per answer to "are we closer?"; a button's value is the answer and the signed link token.
 * Tapping a button sends Slack's `block_actions` interaction, with the menu's current choice in its
 * `state`; a value may also carry the comfort itself. Choosing in the menu alone sends an interaction
 * too, which records nothing.
 */
import type { SlackAnswerBlock } from '@stepwise/integrations';
import { CLOSER_ANSWERS, type CloserAnswer } from '@stepwise/journeys-domain';
import { COMFORT_CHOICES } from '@stepwise/nudges-domain';
import { invalid } from '@stepwise/kernel';
import { CLOSER_LABELS, type AnswerLinkSet } from './answer-links';

export const SLACK_ANSWER_BLOCK_ID = 'stepwise_answer';
export const SLACK_COMFORT_ACTION_ID = 'stepwise_answer_comfort';
const CLOSER_ACTION_PREFIX = 'stepwise_answer_closer_';

/** A tap to record: the link token, the answer, and the comfort if one was chosen. */
export interface SlackAnswerTap {
  readonly token: string;
  readonly closer: unknown;
  readonly comfort: unknown;
  /** The Slack user who tapped (Slack signs the payload naming them). */
  readonly userId: string | undefined;
}

export type SlackInteraction = { readonly kind: 'answer'; readonly tap: SlackAnswerTap } | { readonly kind: 'other' };

/** A button's value: `CLOSER:TOKEN`, or `CLOSER:COMFORT:TOKEN` when the button carries both. */
const tapperOf = (payload: Json): string | undefined => (isObject(payload.user) && typeof payload.user.id === 'string' ? payload.user.id : undefined);

export const slackAnswerValue = (closer: CloserAnswer, token: string, comfort?: number): string =>
  comfort === undefined ? `${closer}:${token}` : `${closer}:${comfort}:${token}`;

/** The blocks a reflection nudge adds to its Slack message. */
export const slackAnswerBlocks = (links: AnswerLinkSet, question = 'Are we closer to where we want to be?'): SlackAnswerBlock[] => [
  { type: 'section', text: { type: 'mrkdwn', text: `*${question}* Choose how comfortable you feel (1 = not at all, 5 = very), then tap your answer.` } },
  {
    type: 'actions',
    block_id: SLACK_ANSWER_BLOCK_ID,
    elements: [
      {
        type: 'static_select',
        action_id: SLACK_COMFORT_ACTION_ID,
        placeholder: { type: 'plain_text', text: 'How comfortable am I?' },
        options: COMFORT_CHOICES.map((comfort) => ({ text: { type: 'plain_text', text: String(comfort) }, value: String(comfort) })),
      },
      ...CLOSER_ANSWERS.map((closer) => ({
        type: 'button' as const,
        action_id: `${CLOSER_ACTION_PREFIX}${closer}`,
        text: { type: 'plain_text' as const, text: CLOSER_LABELS[closer] },
        value: slackAnswerValue(closer, links.token),
      })),
    ],
  },
];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const chosenComfort = (payload: Json): unknown => {
  const values = isObject(payload.state) && isObject(payload.state.values) ? payload.state.values : {};
  for (const block of Object.values(values)) {
    const menu = isObject(block) ? block[SLACK_COMFORT_ACTION_ID] : undefined;
    if (isObject(menu) && isObject(menu.selected_option)) return menu.selected_option.value;
  }
  return undefined;
};

const parseValue = (value: string): Omit<SlackAnswerTap, 'comfort' | 'userId'> & { comfort?: string } => {
  const parts = value.split(':');
  if (parts.length === 2) return { closer: parts[0], token: parts[1] };
  if (parts.length === 3) return { closer: parts[0], comfort: parts[1], token: parts[2] };
  return invalid('value', 'MALFORMED', 'The button value is not an answer');
};

/** What a `payload` form field asks of Stepwise: an answer to record, or nothing. */
export const parseSlackInteraction = (payloadField: unknown): SlackInteraction => {
  if (typeof payloadField !== 'string') return invalid('payload', 'REQUIRED', 'A Slack interaction carries a payload field');
  let payload: unknown;
  try {
    payload = JSON.parse(payloadField);
  } catch {
    return invalid('payload', 'MALFORMED', 'The payload field is not JSON');
  }
  if (!isObject(payload) || payload.type !== 'block_actions' || !Array.isArray(payload.actions)) return { kind: 'other' };
  const button = payload.actions.find(
    (action): action is Json & { value: string } =>
      isObject(action) && action.type === 'button' && typeof action.action_id === 'string' && action.action_id.startsWith(CLOSER_ACTION_PREFIX) && typeof action.value === 'string',
  );
  if (!button) return { kind: 'other' };
  const { closer, token, comfort } = parseValue(button.value);
  return { kind: 'answer', tap: { token, closer, comfort: comfort ?? chosenComfort(payload), userId: tapperOf(payload) } };
};
