import { AnswerLinkSigner } from './answer-link.signer';
import { answerLinks } from './answer-links';
import { parseSlackInteraction, SLACK_ANSWER_BLOCK_ID, SLACK_COMFORT_ACTION_ID, slackAnswerBlocks, slackAnswerValue } from './slack-answer.interaction';

const links = answerLinks(new AnswerLinkSigner(Buffer.alloc(32, 1)), { tenantId: 't', memberId: 'm', journeyId: 'j', stepId: null, nudgeId: 'n' }, 'https://x.test', new Date('2026-03-02T09:00:00Z'));

const blockActions = (action: Record<string, unknown>, comfort?: string) =>
  JSON.stringify({
    type: 'block_actions',
    user: { id: 'U1' },
    actions: [action],
    state: { values: { [SLACK_ANSWER_BLOCK_ID]: { [SLACK_COMFORT_ACTION_ID]: { type: 'static_select', selected_option: comfort ? { value: comfort } : null } } } },
  });

describe('Slack answer interactions', () => {
  const [, actions] = slackAnswerBlocks(links) as [unknown, { elements: { action_id: string; value?: string }[] }];
  const yes = actions.elements.find((element) => element.action_id.endsWith('_YES'))!;

  it('offer a comfort menu and one button per answer, each carrying the link token', () => {
    expect(actions.elements.map((element) => element.action_id)).toEqual([SLACK_COMFORT_ACTION_ID, 'stepwise_answer_closer_YES', 'stepwise_answer_closer_NO', 'stepwise_answer_closer_UNSURE']);
    expect(yes.value).toBe(`YES:${links.token}`);
  });

  it('read a tapped answer with the comfort chosen in the menu', () => {
    expect(parseSlackInteraction(blockActions({ type: 'button', action_id: yes.action_id, value: yes.value }, '2'))).toEqual({
      kind: 'answer',
      tap: { token: links.token, closer: 'YES', comfort: '2', userId: 'U1' },
    });
  });

  it('read a comfort the button carries itself before the menu', () => {
    const value = slackAnswerValue('NO', links.token, 4);
    expect(parseSlackInteraction(blockActions({ type: 'button', action_id: 'stepwise_answer_closer_NO', value }, '1'))).toEqual({
      kind: 'answer',
      tap: { token: links.token, closer: 'NO', comfort: '4', userId: 'U1' },
    });
  });

  it('leave the comfort unset when none was chosen (the use case refuses it)', () => {
    expect(parseSlackInteraction(blockActions({ type: 'button', action_id: yes.action_id, value: yes.value }))).toMatchObject({ tap: { comfort: undefined } });
  });

  it('ask nothing of a menu choice, another app’s button, or another kind of interaction', () => {
    expect(parseSlackInteraction(blockActions({ type: 'static_select', action_id: SLACK_COMFORT_ACTION_ID, selected_option: { value: '3' } }))).toEqual({ kind: 'other' });
    expect(parseSlackInteraction(blockActions({ type: 'button', action_id: 'approve', value: 'x' }))).toEqual({ kind: 'other' });
    expect(parseSlackInteraction(JSON.stringify({ type: 'view_submission' }))).toEqual({ kind: 'other' });
  });

  it.each([[undefined], ['not json'], ['[]']])('refuse a payload field %p that is not an interaction', (field) => {
    if (field === '[]') expect(parseSlackInteraction(field)).toEqual({ kind: 'other' });
    else expect(() => parseSlackInteraction(field)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
