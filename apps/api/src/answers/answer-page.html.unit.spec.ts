import { closerPage, comfortPage, escapeHtml, recordedPage, refusedPage } from './answer-page.html';

describe('answer pages', () => {
  it('escape every character HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('ask the direction with links that only read, and comfort with one form that posts', () => {
    const closer = closerPage();
    expect(closer.html.match(/<a class="choice" href="\?closer=(YES|NO|UNSURE)">/g)).toHaveLength(3);
    expect(closer.html).not.toContain('<form');
    const comfort = comfortPage('NO');
    expect(comfort.html.match(/<form method="post">/g)).toHaveLength(1);
    expect(comfort.html).toContain('<input type="hidden" name="closer" value="NO">');
    expect(comfort.html.match(/name="comfort" value="(\d)"/g)).toEqual([1, 2, 3, 4, 5].map((value) => `name="comfort" value="${value}"`));
  });

  it('say what was recorded, and why a refusal was made, with its code and status', () => {
    expect(recordedPage('UNSURE', 4).html).toContain('Closer: <strong>Unsure</strong>. Comfort: <strong>4 of 5</strong>.');
    const refused = refusedPage(410, 'ANSWER_LINK_EXPIRED', 'This answer link has expired <soon>');
    expect(refused.status).toBe(410);
    expect(refused.html).toContain('<meta name="stepwise-code" content="ANSWER_LINK_EXPIRED">');
    expect(refused.html).toContain('This answer link has expired &lt;soon&gt;');
    expect(refused.html).toContain('<h1>This link has expired</h1>');
  });
});
