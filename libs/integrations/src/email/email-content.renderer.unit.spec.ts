import { reflectionNudge } from '../testing/nudge-message.fixtures';
import { escapeHtml, renderEmailContent } from './email-content.renderer';

describe('renderEmailContent', () => {
  it('writes the text part as title, lines, facts, answer links and a footer with the unsubscribe link', () => {
    const { subject, text } = renderEmailContent(reflectionNudge(), { unsubscribeUrl: 'https://app.stepwise.test/u/1' });

    expect(subject).toBe('Did your step bring you closer?');
    expect(text).toBe(
      [
        'Did your step bring you closer?',
        '',
        'You took a step: "Ask the library for 30 books".',
        'Did it bring you closer to the vision?',
        '',
        'Journey: Reading for pleasure',
        'Steps taken: 3',
        '',
        'Yes: https://app.stepwise.test/a/yes-token',
        'No: https://app.stepwise.test/a/no-token',
        'Unsure: https://app.stepwise.test/a/unsure-token',
        '',
        '--',
        'Sent by Stepwise.',
        'Unsubscribe: https://app.stepwise.test/u/1',
        '',
      ].join('\n'),
    );
  });

  it('puts every answer and the unsubscribe link into the HTML as links, and the facts as a table', () => {
    const { html } = renderEmailContent(reflectionNudge(), { unsubscribeUrl: 'https://app.stepwise.test/u/1?a=1&b=2' });

    expect(html.match(/<a href="[^"]+"/g)).toEqual([
      '<a href="https://app.stepwise.test/a/yes-token"',
      '<a href="https://app.stepwise.test/a/no-token"',
      '<a href="https://app.stepwise.test/a/unsure-token"',
      '<a href="https://app.stepwise.test/u/1?a=1&amp;b=2"',
    ]);
    expect(html).toContain('<th scope="row" style="text-align:left;padding:2px 16px 2px 0;font-weight:600">Steps taken</th><td style="padding:2px 0">3</td>');
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('splits the text into paragraphs when there are no lines, and makes the subject one line', () => {
    const content = renderEmailContent(reflectionNudge({ title: 'Two\r\nlines ', text: 'First.\nSecond.', lines: [], actions: [], facts: {} }));

    expect(content.subject).toBe('Two lines');
    expect(content.html).toContain('<p style="margin:0 0 12px">First.</p>\n<p style="margin:0 0 12px">Second.</p>');
    expect(content.text).not.toContain('Unsubscribe');
  });

  it('escapes text and attribute values', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
