/**
 * The answer pages: plain HTML, no scripts, every dynamic value escaped. The first page asks "are we
 * closer?" (links, which only read); the second asks "how comfortable am I?" with five buttons of one
 * form that POSTs, so only a person's tap records, never a mail scanner fetching the link.
 */
import type { CloserAnswer } from '@stepwise/journeys-domain';
import { COMFORT_CHOICES } from '@stepwise/nudges-domain';
import { CLOSER_LABELS } from '@stepwise/nudges-infrastructure';

export interface HtmlPage {
  readonly status: number;
  readonly html: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ESCAPES[character]);

const COMFORT_HINTS: Readonly<Record<number, string>> = { 1: 'not at all', 3: 'somewhat', 5: 'very' };

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d1d1f}
a.choice,button{display:inline-block;margin:.25rem .25rem .25rem 0;padding:.6rem 1rem;border:1px solid #888;border-radius:.4rem;
background:#f5f5f7;color:inherit;font:inherit;text-decoration:none;cursor:pointer}.code{color:#666;font-size:.85rem}`;

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

/**
 * Step one: the direction, apart from comfort. Each answer is a link to step two: the same address
 * with the direction as its query, however the address was opened (with a slash added to its end, a
 * link relative to its last segment would name another page).
 */
export const closerPage = (): HtmlPage =>
  page(
    200,
    'Are we closer to where we want to be?',
    `<p>Think about the step you took: did it move us toward the vision? Not whether it felt comfortable; that comes next.</p>
<p>${(Object.keys(CLOSER_LABELS) as CloserAnswer[])
      .map((closer) => `<a class="choice" href="?closer=${escapeHtml(closer)}">${escapeHtml(CLOSER_LABELS[closer])}</a>`)
      .join('\n')}</p>`,
  );

/** Step two: comfort, 1 to 5, each a submit button of one form carrying the direction chosen. */
export const comfortPage = (closer: CloserAnswer): HtmlPage =>
  page(
    200,
    'How comfortable am I?',
    `<p>You answered <strong>${escapeHtml(CLOSER_LABELS[closer])}</strong>. Now, apart from that: how comfortable do you feel with the change right now?</p>
<form method="post"><input type="hidden" name="closer" value="${escapeHtml(closer)}">
<p>${COMFORT_CHOICES.map(
      (comfort) => `<button type="submit" name="comfort" value="${comfort}">${comfort}${COMFORT_HINTS[comfort] ? ` · ${escapeHtml(COMFORT_HINTS[comfort])}` : ''}</button>`,
    ).join('\n')}</p></form>
<p class="code">Your answer is recorded when you choose.</p>`,
  );

export const recordedPage = (closer: CloserAnswer, comfort: number): HtmlPage =>
  page(
    200,
    'Thank you: your reflection is recorded',
    `<p>Closer: <strong>${escapeHtml(CLOSER_LABELS[closer])}</strong>. Comfort: <strong>${comfort} of 5</strong>.</p>
<p>Progress, not perfect. Your leader sees this with the journey.</p>`,
  );

const TITLES: Readonly<Record<string, string>> = {
  ANSWER_LINK_INVALID: 'This link is not valid',
  ANSWER_LINK_EXPIRED: 'This link has expired',
  ANSWER_LINK_USED: 'Already answered',
  ANSWER_LINK_MEMBER_NOT_ON_TEAM: 'You are no longer on this team',
  VALIDATION_FAILED: 'That answer could not be read',
  DATABASE_UNAVAILABLE: 'Please try again in a moment',
};

/** A refusal: why, in words and as a stable code. */
export const refusedPage = (status: number, code: string, message: string, detail?: string): HtmlPage =>
  page(
    status,
    TITLES[code] ?? 'This answer could not be recorded',
    `<p>${escapeHtml(message)}</p>${detail ? `\n<p>${escapeHtml(detail)}</p>` : ''}
<p class="code">${escapeHtml(code)}</p>`,
    code,
  );
