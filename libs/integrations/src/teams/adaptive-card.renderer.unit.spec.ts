import { reflectionNudge } from '../testing/nudge-message.fixtures';
import { renderAdaptiveCard, teamsWorkflowMessage, type TextBlock } from './adaptive-card.renderer';
import { TEAMS_MESSAGE_MAX_BYTES, validateTeamsWorkflowMessage } from './adaptive-card.validator';
import { checkCardWithSdk } from './testing/adaptive-card.sdk-check';
import { MARKDOWN_CONSTRUCTS, readAsCommonMark, unescapedMarkdown } from './testing/markdown-constructs';

/** Every text in a card that Teams reads as markdown: TextBlocks, facts, and the fallback text. */
const markdownTexts = (card: ReturnType<typeof renderAdaptiveCard>): string[] => [
  card.fallbackText,
  ...card.body.flatMap((element) => (element.type === 'TextBlock' ? [element.text] : element.facts.flatMap((fact) => [fact.title, fact.value]))),
];

describe('renderAdaptiveCard', () => {
  it('renders the title, the lines, the facts, an OpenUrl action per answer and a footer', () => {
    expect(renderAdaptiveCard(reflectionNudge())).toEqual({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.4',
      fallbackText: 'Did your step bring you closer?\nYou took a step: "Ask the library for 30 books". Did it bring you closer to the vision?',
      body: [
        { type: 'TextBlock', text: 'Did your step bring you closer?', size: 'Large', weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: 'You took a step: "Ask the library for 30 books".', wrap: true },
        { type: 'TextBlock', text: 'Did it bring you closer to the vision?', wrap: true },
        { type: 'FactSet', facts: [{ title: 'Journey', value: 'Reading for pleasure' }, { title: 'Steps taken', value: '3' }] },
        { type: 'TextBlock', text: 'Sent by Stepwise', size: 'Small', isSubtle: true, spacing: 'Medium', wrap: true },
      ],
      actions: [
        { type: 'Action.OpenUrl', title: 'Yes', url: 'https://app.stepwise.test/a/yes-token' },
        { type: 'Action.OpenUrl', title: 'No', url: 'https://app.stepwise.test/a/no-token' },
        { type: 'Action.OpenUrl', title: 'Unsure', url: 'https://app.stepwise.test/a/unsure-token' },
      ],
    });
  });

  it.each(MARKDOWN_CONSTRUCTS)("shows %s in a member's words as those words, never as markup Teams would render", (_name, words) => {
    const message = reflectionNudge({
      title: `Title ${words}`,
      text: `For ${words}: You took “${words}”.`,
      lines: [`For ${words}:`, `You took “${words}”.`, words],
      facts: { [words]: words },
    });

    const card = renderAdaptiveCard(message, { footer: `Footer ${words}` });

    const texts = markdownTexts(card);
    expect(texts.flatMap(unescapedMarkdown)).toEqual([]);
    expect(texts.map(readAsCommonMark)).toEqual([
      `Title ${words}\nFor ${words}: You took “${words}”.`,
      `Title ${words}`,
      `For ${words}:`,
      `You took “${words}”.`,
      words,
      words,
      words,
      `Footer ${words}`,
    ]);
    expect(card.actions?.map((action) => action.url)).toEqual(reflectionNudge().actions.map((action) => action.url));
    expect(checkCardWithSdk(card).problems).toEqual([]);
  });

  it("is a card Microsoft's SDK parses without a problem and serialises back unchanged", () => {
    const card = renderAdaptiveCard(reflectionNudge({ facts: { Due: null, Done: true, Note: '' } }));

    const check = checkCardWithSdk(card);

    expect(check.problems).toEqual([]);
    expect(check.roundTrip).toEqual(card);
  });

  it('shows the text when there are no lines, and leaves out facts, actions and footer when there are none', () => {
    const card = renderAdaptiveCard(reflectionNudge({ lines: [], facts: {}, actions: [] }), { footer: null });

    expect(card.body.map((element) => element.type === 'TextBlock' && element.text)).toEqual(['Did your step bring you closer?', reflectionNudge().text]);
    expect(card).not.toHaveProperty('actions');
    expect(checkCardWithSdk(card).problems).toEqual([]);
  });

  it('shortens a very long nudge so the message stays inside the Teams size limit', () => {
    const message = reflectionNudge({ lines: Array.from({ length: 200 }, (_, index) => `${index} ${'word '.repeat(100)}`) });

    const payload = teamsWorkflowMessage(renderAdaptiveCard(message));

    expect(validateTeamsWorkflowMessage(payload)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThan(TEAMS_MESSAGE_MAX_BYTES);
    const lines = payload.attachments[0].content.body.filter((element): element is TextBlock => element.type === 'TextBlock' && !element.size);
    expect(lines[lines.length - 1].text.endsWith('…')).toBe(true);
  });

  it('wraps the card as the one attachment of a Workflows message', () => {
    const card = renderAdaptiveCard(reflectionNudge());

    expect(teamsWorkflowMessage(card)).toEqual({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
    });
  });
});
