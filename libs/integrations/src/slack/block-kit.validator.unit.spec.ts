import { validateSlackBlocks, validateSlackMessage } from './block-kit.validator';

const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text } });
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, url: string, action_id = 'a-1') => ({ type: 'button', action_id, text: { type: 'plain_text', text }, url });

describe('validateSlackBlocks', () => {
  it('accepts the blocks a nudge uses', () => {
    const blocks = [
      header('Title'),
      section('Body'),
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*a*\nb' }] },
      { type: 'actions', elements: [button('Yes', 'https://x.test/y', 'y'), button('No', 'https://x.test/n', 'n')] },
      { type: 'context', elements: [{ type: 'plain_text', text: 'footer', emoji: true }] },
      { type: 'divider' },
      {
        type: 'actions',
        block_id: 'answer',
        elements: [
          { type: 'static_select', action_id: 'comfort', placeholder: { type: 'plain_text', text: 'How comfortable?' }, options: [{ text: { type: 'plain_text', text: '1' }, value: '1' }] },
          { type: 'button', action_id: 'closer_YES', text: { type: 'plain_text', text: 'Yes, closer' }, value: 'YES:token' },
        ],
      },
    ];

    expect(validateSlackBlocks(blocks)).toEqual([]);
  });

  it.each([
    ['not a list', { type: 'section' }, 'blocks', 'must be a list'],
    ['no blocks', [], 'blocks', 'must not be empty'],
    ['more than 50 blocks', Array.from({ length: 51 }, () => section('x')), 'blocks', 'more than 50 blocks'],
    ['an unknown block type', [{ type: 'banner', text: 'x' }], 'blocks[0].type', 'unknown block type "banner"'],
    ['a property Block Kit does not know', [{ ...section('x'), colour: 'red' }], 'blocks[0].colour', 'is not a property Block Kit knows here'],
    ['a header in mrkdwn', [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }], 'blocks[0].text.type', 'must be plain_text'],
    ['a header over 150 characters', [header('h'.repeat(151))], 'blocks[0].text.text', 'longer than 150 characters'],
    ['a section over 3000 characters', [section('s'.repeat(3001))], 'blocks[0].text.text', 'longer than 3000 characters'],
    ['an empty text', [section('')], 'blocks[0].text.text', 'must be a non-empty string'],
    ['a section with neither text nor fields', [{ type: 'section' }], 'blocks[0]', 'a section needs text or fields'],
    ['more than 10 fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }], 'blocks[0].fields', 'more than 10 elements'],
    ['a field over 2000 characters', [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }], 'blocks[0].fields[0].text', 'longer than 2000 characters'],
    ['button text over 75 characters', [{ type: 'actions', elements: [button('b'.repeat(76), 'https://x.test')] }], 'blocks[0].elements[0].text.text', 'longer than 75 characters'],
    ['a button URL over 3000 characters', [{ type: 'actions', elements: [button('b', `https://x.test/${'u'.repeat(3000)}`)] }], 'blocks[0].elements[0].url', 'longer than 3000 characters'],
    ['a button URL that is not http', [{ type: 'actions', elements: [button('b', 'javascript:alert(1)')] }], 'blocks[0].elements[0].url', 'must be an http or https URL'],
    ['an action id used twice', [{ type: 'actions', elements: [button('a', 'https://x.test'), button('b', 'https://x.test')] }], 'blocks[0].elements[1].action_id', '"a-1" is used twice'],
    ['an empty actions block', [{ type: 'actions', elements: [] }], 'blocks[0].elements', 'must be a non-empty list'],
    ['a date picker in an actions block', [{ type: 'actions', elements: [{ type: 'datepicker', action_id: 'd' }] }], 'blocks[0].elements[0].type', 'only buttons and static select menus are used in an actions block'],
    ['a select menu without options', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [] }] }], 'blocks[0].elements[0].options', 'must be a non-empty list'],
    ['a select option in mrkdwn', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [{ text: { type: 'mrkdwn', text: '1' }, value: '1' }] }] }], 'blocks[0].elements[0].options[0].text.type', 'must be plain_text'],
    ['a select option without a value', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [{ text: { type: 'plain_text', text: '1' } }] }] }], 'blocks[0].elements[0].options[0].value', 'must be a non-empty string'],
    ['more than 10 context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'plain_text', text: 'c' })) }], 'blocks[0].elements', 'more than 10 elements'],
    ['a block id used twice', [{ ...section('a'), block_id: 'b' }, { ...section('b'), block_id: 'b' }], 'blocks[1].block_id', '"b" is used twice'],
  ])('refuses %s', (_case, blocks, path, problem) => {
    expect(validateSlackBlocks(blocks)).toContainEqual({ path, problem });
  });
});

describe('validateSlackMessage', () => {
  it('requires a fallback text beside the blocks', () => {
    expect(validateSlackMessage({ text: ' ', blocks: [section('x')] })).toEqual([{ path: 'text', problem: 'a fallback text is required' }]);
    expect(validateSlackMessage({ text: 'x', blocks: [section('x')] })).toEqual([]);
  });
});
