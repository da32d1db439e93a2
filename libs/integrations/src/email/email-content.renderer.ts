/**
 * A nudge as an email's subject, plain-text part and HTML part. Pure. Everything from the message is
 * escaped into the HTML (text, attribute values), so a nudge's words cannot add markup or links; only
 * the message's own web links become links. The unsubscribe link, when given, is in both parts.
 */
import type { MessageAction, NudgeMessage } from '../channel';

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface EmailRenderOptions {
  /** The member's one-click unsubscribe page. */
  readonly unsubscribeUrl?: string;
  /** The small print above the unsubscribe link. */
  readonly footer?: string;
}

export const DEFAULT_EMAIL_FOOTER = 'Sent by Stepwise.';

export const renderEmailContent = (message: NudgeMessage, options: EmailRenderOptions = {}): EmailContent => {
  const footer = options.footer ?? DEFAULT_EMAIL_FOOTER;
  const lines = bodyLines(message);
  const facts = Object.entries(message.facts).map(([label, value]) => [label, formatFact(value)] as const);
  return {
    subject: oneLine(message.title),
    text: plainText(message, lines, facts, footer, options.unsubscribeUrl),
    html: html(message, lines, facts, footer, options.unsubscribeUrl),
  };
};

const plainText = (message: NudgeMessage, lines: string[], facts: readonly (readonly [string, string])[], footer: string, unsubscribeUrl?: string): string =>
  [
    message.title.trim(),
    lines.join('\n'),
    facts.map(([label, value]) => `${label}: ${value}`).join('\n'),
    message.actions.map((action) => `${action.label}: ${action.url}`).join('\n'),
    ['--', footer, ...(unsubscribeUrl ? [`Unsubscribe: ${unsubscribeUrl}`] : [])].join('\n'),
  ]
    .filter((part) => part !== '')
    .join('\n\n') + '\n';

const html = (message: NudgeMessage, lines: string[], facts: readonly (readonly [string, string])[], footer: string, unsubscribeUrl?: string): string => {
  const parts = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(oneLine(message.title))}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2933">',
    message.title.trim() === '' ? '' : `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(message.title.trim())}</h1>`,
    ...lines.map((line) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`),
    facts.length === 0 ? '' : factTable(facts),
    message.actions.length === 0 ? '' : `<p style="margin:16px 0">${message.actions.map(actionLink).join(' ')}</p>`,
    '<hr style="border:none;border-top:1px solid #e4e7eb;margin:24px 0 12px">',
    `<p style="margin:0;font-size:12px;color:#616e7c">${escapeHtml(footer)}${unsubscribeUrl ? ` <a href="${escapeHtml(unsubscribeUrl)}" style="color:#616e7c">Unsubscribe</a>` : ''}</p>`,
    '</body></html>',
  ];
  return `${parts.filter((part) => part !== '').join('\n')}\n`;
};

const factTable = (facts: readonly (readonly [string, string])[]): string =>
  [
    '<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">',
    ...facts.map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0;font-weight:600">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
    ),
    '</table>',
  ].join('\n');

const actionLink = (action: MessageAction): string =>
  `<a href="${escapeHtml(action.url)}" style="display:inline-block;padding:8px 16px;margin:0 8px 8px 0;border-radius:6px;background:#2f6fde;color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(action.label.trim() || 'Open')}</a>`;

const bodyLines = (message: NudgeMessage): string[] =>
  (message.lines.length > 0 ? message.lines : message.text.split(/\r?\n/)).filter((line) => line.trim() !== '');

const formatFact = (value: string | number | boolean | null): string =>
  value === null ? '–' : typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value);

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** For text and for double-quoted attribute values alike. */
export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
