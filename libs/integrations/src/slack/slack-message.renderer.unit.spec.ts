import type { ActionsBlock, ContextBlock, HeaderBlock, SectionBlock } from '@slack/types';
import { BLOCK_KIT_LIMITS } from './block-kit.limits';
import { validateSlackMessage } from './block-kit.validator';
import { renderSlackMessage, type SlackNudgeMessage } from './slack-message.renderer';
import { reflectionNudge } from '../testing/nudge-message.fixtures';
import { MRKDWN_CONSTRUCTS, readAsSlackText, textObjectsOf } from './testing/mrkdwn-constructs';

const ofType = <T>(blocks: readonly { type: string }[], type: string): T[] => blocks.filter((block) => block.type === type) as T[];

describe('renderSlackMessage', () => {
  it('shows the title as a header, the lines, the facts, a button per answer and a footer', () => {
    const { blocks } = renderSlackMessage(reflectionNudge());

    expect(blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'actions', 'context']);
    expect(ofType<HeaderBlock>(blocks, 'header')[0].text.text).toBe('Did your step bring you closer?');
    expect(ofType<SectionBlock>(blocks, 'section')[0].text).toEqual({
      type: 'plain_text',
      text: 'You took a step: "Ask the library for 30 books".\nDid it bring you closer to the vision?',
      emoji: true,
    });
    expect(ofType<SectionBlock>(blocks, 'section')[1].fields).toEqual([
      { type: 'plain_text', text: 'Journey\nReading for pleasure', emoji: true },
      { type: 'plain_text', text: 'Steps taken\n3', emoji: true },
    ]);
    const buttons = ofType<ActionsBlock>(blocks, 'actions')[0].elements;
    expect(buttons.map((button) => button.type === 'button' && [button.text.text, button.url])).toEqual([
      ['Yes', 'https://app.stepwise.test/a/yes-token'],
      ['No', 'https://app.stepwise.test/a/no-token'],
      ['Unsure', 'https://app.stepwise.test/a/unsure-token'],
    ]);
    expect(ofType<ContextBlock>(blocks, 'context')[0].elements).toEqual([{ type: 'plain_text', text: 'Sent by Stepwise', emoji: true }]);
  });

  it('puts answer blocks where the link buttons would be, keeping the links in the fallback', () => {
    const answerBlocks: (SectionBlock | ActionsBlock)[] = [
      { type: 'section', text: { type: 'mrkdwn', text: '*Are we closer?*' } },
      {
        type: 'actions',
        block_id: 'answer',
        elements: [
          { type: 'static_select', action_id: 'comfort', placeholder: { type: 'plain_text', text: 'How comfortable am I?' }, options: [{ text: { type: 'plain_text', text: '3' }, value: '3' }] },
          { type: 'button', action_id: 'closer_YES', text: { type: 'plain_text', text: 'Yes, closer' }, value: 'YES:token' },
        ],
      },
    ];
    const rendered = renderSlackMessage(reflectionNudge({ answerBlocks } as Partial<SlackNudgeMessage>));

    expect(rendered.blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'section', 'actions', 'context']);
    expect(rendered.blocks.slice(3, 5)).toEqual(answerBlocks);
    expect(rendered.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])).some((element) => 'url' in element)).toBe(false);
    expect(rendered.text).toContain('Yes: https://app.stepwise.test/a/yes-token');
    expect(validateSlackMessage(rendered)).toEqual([]);
  });

  it('gives a plain-text fallback with the title, the text and the answer links', () => {
    const { text } = renderSlackMessage(reflectionNudge());

    expect(text).toBe(
      [
        'Did your step bring you closer?',
        'You took a step: "Ask the library for 30 books". Did it bring you closer to the vision?',
        'Yes: https://app.stepwise.test/a/yes-token',
        'No: https://app.stepwise.test/a/no-token',
        'Unsure: https://app.stepwise.test/a/unsure-token',
      ].join('\n'),
    );
  });

  it('escapes the fallback text, so its words cannot mention @channel or make a link', () => {
    const message = reflectionNudge({ title: 'Hi <!channel>', text: 'Click <https://evil.test|here> & win' });
    const { text } = renderSlackMessage(message);

    expect(text).toContain('Hi &lt;!channel&gt;');
    expect(text).toContain('Click &lt;https://evil.test|here&gt; &amp; win');
  });

  it.each(MRKDWN_CONSTRUCTS)("shows %s in a member's words as those words, never as a mention, a link or formatting", (_name, words) => {
    const message = reflectionNudge({
      title: `Title ${words}`,
      text: `For ${words}: You took “${words}”.`,
      lines: [`For ${words}:`, `You took “${words}”.`],
      facts: { [words]: words },
    });

    const rendered = renderSlackMessage(message, { footer: `Footer ${words}` });

    // Block Kit: the words only ever in plain_text, which Slack shows as it is.
    const texts = textObjectsOf(rendered.blocks);
    expect(texts.filter((text) => text.type !== 'plain_text')).toEqual([]);
    expect(texts.map((text) => text.text)).toEqual([`Title ${words}`, `For ${words}:\nYou took “${words}”.`, `${words}\n${words}`, 'Yes', 'No', 'Unsure', `Footer ${words}`]);
    // The fallback: mrkdwn switched off, and Slack's control characters escaped.
    expect(rendered.mrkdwn).toBe(false);
    expect(rendered.text).not.toMatch(/[<>]/);
    expect(readAsSlackText(rendered.text)).toBe(
      [`Title ${words}`, `For ${words}: You took “${words}”.`, ...reflectionNudge().actions.map((action) => `${action.label}: ${action.url}`)].join('\n'),
    );
    expect(validateSlackMessage(rendered)).toEqual([]);
  });

  it('shows the text when the message has no lines, and leaves out what is empty', () => {
    const { blocks } = renderSlackMessage(reflectionNudge({ lines: [], actions: [], facts: {} }), { footer: null });

    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Did your step bring you closer?', emoji: true } },
      { type: 'section', text: { type: 'plain_text', text: reflectionNudge().text, emoji: true } },
    ]);
  });

  it('shortens what is too long for Block Kit instead of producing a message Slack refuses', () => {
    const message = reflectionNudge({
      title: 'T'.repeat(400),
      lines: Array.from({ length: 120 }, (_, index) => `${index}: ${'word '.repeat(200)}`),
      actions: [{ label: 'A very long label for a button that goes well past the seventy-five characters Slack takes', url: 'https://app.stepwise.test/a' }],
      facts: Object.fromEntries(Array.from({ length: 14 }, (_, index) => [`fact ${index}`, 'x'.repeat(2500)])),
    });
    const rendered = renderSlackMessage(message);

    expect(validateSlackMessage(rendered)).toEqual([]);
    expect(rendered.blocks).toHaveLength(BLOCK_KIT_LIMITS.blocksPerMessage);
    expect(ofType<HeaderBlock>(rendered.blocks, 'header')[0].text.text).toHaveLength(BLOCK_KIT_LIMITS.headerText);
    expect(ofType<HeaderBlock>(rendered.blocks, 'header')[0].text.text.endsWith('…')).toBe(true);
    const sections = ofType<SectionBlock>(rendered.blocks, 'section').filter((block) => block.text);
    expect(sections[sections.length - 1].text?.text.endsWith('…')).toBe(true);
  });

  it('cuts on a whole character, never inside an emoji', () => {
    const { blocks } = renderSlackMessage(reflectionNudge({ title: `${'a'.repeat(148)}😀😀` }));
    const header = ofType<HeaderBlock>(blocks, 'header')[0].text.text;

    expect(header).toBe(`${'a'.repeat(148)}…`);
  });
});
