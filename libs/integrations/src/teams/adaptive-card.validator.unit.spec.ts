import { validateAdaptiveCard, validateTeamsWorkflowMessage } from './adaptive-card.validator';
import { checkCardWithSdk } from './testing/adaptive-card.sdk-check';

const card = (overrides: Record<string, unknown> = {}) => ({
  type: 'AdaptiveCard',
  version: '1.4',
  body: [{ type: 'TextBlock', text: 'Hello', wrap: true }],
  actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://x.test' }],
  ...overrides,
});
const textBlock = (extra: Record<string, unknown>) => card({ body: [{ type: 'TextBlock', text: 'Hello', ...extra }] });
const action = (extra: Record<string, unknown>) => card({ actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://x.test', ...extra }] });

describe('validateAdaptiveCard', () => {
  it('accepts a card of the elements a nudge uses', () => {
    const valid = card({ body: [{ type: 'TextBlock', text: 'Hi', size: 'Large', weight: 'Bolder' }, { type: 'FactSet', facts: [{ title: 'a', value: 'b' }] }] });

    expect(validateAdaptiveCard(valid)).toEqual([]);
  });

  it.each([
    ['another card type', card({ type: 'HeroCard' }), 'type', 'must be "AdaptiveCard"'],
    ['a version Teams does not render', card({ version: '1.6' }), 'version', 'must be a version Teams renders (1.0 to 1.5)'],
    ['no body', card({ body: undefined }), 'body', 'must be a list'],
    ['an unknown element', card({ body: [{ type: 'Carousel' }] }), 'body[0].type', 'unknown element type "Carousel"'],
    ['a TextBlock without text', textBlock({ text: '' }), 'body[0].text', 'must be a non-empty string'],
    ['a size outside the schema', textBlock({ size: 'Huge' }), 'body[0].size', 'must be one of Small, Default, Medium, Large, ExtraLarge'],
    ['a property the schema does not know', textBlock({ colour: 'red' }), 'body[0].colour', 'is not a property the schema knows here'],
    ['wrap that is not a boolean', textBlock({ wrap: 'yes' }), 'body[0].wrap', 'must be true or false'],
    ['an empty FactSet', card({ body: [{ type: 'FactSet', facts: [] }] }), 'body[0].facts', 'must be a non-empty list'],
    ['a fact without a value', card({ body: [{ type: 'FactSet', facts: [{ title: 'a' }] }] }), 'body[0].facts[0].value', 'must be a non-empty string'],
    ['an OpenUrl without a url', action({ url: undefined }), 'actions[0].url', 'must be an http or https URL'],
    ['a javascript: link', action({ url: 'javascript:alert(1)' }), 'actions[0].url', 'must be an http or https URL'],
    ['a Submit action', card({ actions: [{ type: 'Action.Submit', title: 'Go' }] }), 'actions[0].type', 'only Action.OpenUrl is used'],
    ['more than six actions', card({ actions: Array.from({ length: 7 }, () => ({ type: 'Action.OpenUrl', title: 'a', url: 'https://x.test' })) }), 'actions', 'more than 6 actions; Teams shows no more'],
  ])('refuses %s', (_case, value, path, problem) => {
    expect(validateAdaptiveCard(value)).toContainEqual({ path, problem });
  });

  it.each([
    ['a size outside the schema', textBlock({ size: 'Huge' })],
    ['an unknown element', card({ body: [{ type: 'Carousel2' }] })],
    ['an OpenUrl without a url', action({ url: undefined })],
    ['a version no host renders', card({ version: '1.9' })],
  ])("agrees with Microsoft's SDK that %s is wrong", (_case, value) => {
    expect(checkCardWithSdk(value).problems).not.toEqual([]);
  });
});

describe('validateTeamsWorkflowMessage', () => {
  const message = (content: unknown, contentType = 'application/vnd.microsoft.card.adaptive') => ({ type: 'message', attachments: [{ contentType, content }] });

  it('accepts one Adaptive Card attachment', () => {
    expect(validateTeamsWorkflowMessage(message(card()))).toEqual([]);
  });

  it('refuses another attachment type, and names problems inside the card by their path', () => {
    expect(validateTeamsWorkflowMessage(message(card(), 'application/vnd.microsoft.card.hero'))).toEqual([
      { path: 'attachments[0].contentType', problem: 'must be application/vnd.microsoft.card.adaptive' },
    ]);
    expect(validateTeamsWorkflowMessage(message(textBlock({ text: '' })))).toEqual([{ path: 'attachments[0].content.body[0].text', problem: 'must be a non-empty string' }]);
  });

  it('refuses a message over 28 KB', () => {
    const big = card({ body: [{ type: 'TextBlock', text: 'x'.repeat(28_000) }] });

    expect(validateTeamsWorkflowMessage(message(big))).toContainEqual({ path: '', problem: expect.stringMatching(/^the message is \d+ bytes; Teams takes at most 28000$/) });
  });
});
