/**
 * The unsubscribe pages: plain HTML, no scripts, every dynamic value escaped. The GET page only asks:
 * its button is a form that POSTs `List-Unsubscribe=One-Click` back to the same URL, so a mail
 * scanner fetching the link never unsubscribes anyone.
 */
import { escapeHtml, type HtmlPage } from '../answers/answer-page.html';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d1d1f}
button{padding:.6rem 1rem;border:1px solid #888;border-radius:.4rem;background:#f5f5f7;font:inherit;cursor:pointer}.code{color:#666;font-size:.85rem}`;

const page = (status: number, title: string, body: string, code?: string): HtmlPage => ({
  status,
  html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">${code ? `<meta name="stepwise-code" content="${escapeHtml(code)}">` : ''}
<title>${escapeHtml(title)} · Stepwise</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>
`,
});

const ruleName = (rule: string): string => rule.toLowerCase().replace(/_/g, ' ');

export const confirmUnsubscribePage = (rule: string): HtmlPage =>
  page(
    200,
    'Stop these emails?',
    `<p>You will no longer get <strong>${escapeHtml(ruleName(rule))}</strong> nudges. You can turn them back on in your notification preferences.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );

export const unsubscribedPage = (rule: string): HtmlPage =>
  page(200, 'Unsubscribed', `<p>You will no longer get <strong>${escapeHtml(ruleName(rule))}</strong> nudges.</p>`);

/** The link's member has left the organisation: nothing is sent to them, so a mail client's one-click POST succeeds with nothing to do. */
export const noLongerAMemberPage = (): HtmlPage =>
  page(200, 'Nothing to unsubscribe from', '<p>You are no longer a member of this organisation, so Stepwise sends you no nudges.</p>');

export const unsubscribeRefusedPage = (status: number, code: string, message: string): HtmlPage =>
  page(status, 'This link did not work', `<p>${escapeHtml(message)}</p><p class="code">${escapeHtml(code)}; nothing was changed.</p>`, code);
