import { ValidationError } from '@stepwise/kernel';
import { checkTeamsWebhookUrl, parseTeamsWebhookUrl, RETIRED_CONNECTOR_MESSAGE } from './teams-webhook.url';

describe('checkTeamsWebhookUrl', () => {
  it.each([
    'https://prod-12.westeurope.logic.azure.com:443/workflows/6a1f/triggers/manual/paths/invoke?api-version=2016-06-01&sig=abc',
    'https://default0123.45.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/6a1f/triggers/manual/paths/invoke?sig=abc',
  ])('accepts a Workflows webhook: %s', (url) => {
    expect(checkTeamsWebhookUrl(url)).toMatchObject({ ok: true });
  });

  it.each([
    'https://contoso.webhook.office.com/webhookb2/1234@5678/IncomingWebhook/abc/def',
    'https://CONTOSO.Webhook.Office.com/webhookb2/1234@5678/IncomingWebhook/abc/def',
    'https://outlook.office.com/webhook/1234@5678/IncomingWebhook/abc/def',
    'https://outlook.office365.com/webhook/1234@5678/IncomingWebhook/abc/def',
    'https://contoso.office.com/webhookb2/whatever',
    // Spelt another way, routed the same: a doubled slash, an escaped letter.
    'https://outlook.office.com//webhook/1234@5678/IncomingWebhook/abc/def',
    'https://outlook.office.com/%77ebhook/1234@5678/IncomingWebhook/abc/def',
    'https://outlook.office.com/%2Fwebhook/abc',
  ])('refuses a retired Office 365 connector with a message that says what to use instead: %s', (url) => {
    expect(checkTeamsWebhookUrl(url)).toEqual({ ok: false, problem: 'RETIRED_OFFICE365_CONNECTOR', message: RETIRED_CONNECTOR_MESSAGE });
    expect(RETIRED_CONNECTOR_MESSAGE).toMatch(/Workflows/);
  });

  it('refuses http unless plain http is allowed (for local receivers), and credentials in the URL', () => {
    expect(checkTeamsWebhookUrl('http://127.0.0.1:8080/workflows/x')).toMatchObject({ ok: false, problem: 'HTTPS_REQUIRED' });
    expect(checkTeamsWebhookUrl('http://127.0.0.1:8080/workflows/x', { allowPlainHttp: true })).toMatchObject({ ok: true });
    expect(checkTeamsWebhookUrl('ftp://example.test/x', { allowPlainHttp: true })).toMatchObject({ ok: false, problem: 'HTTPS_REQUIRED' });
    expect(checkTeamsWebhookUrl('https://user:pw@example.test/x')).toMatchObject({ ok: false, problem: 'CREDENTIALS_IN_URL' });
    expect(checkTeamsWebhookUrl('not a url')).toMatchObject({ ok: false, problem: 'INVALID_URL' });
  });

  it.each([
    ['a space in it', 'https://prod-1.westeurope.logic.azure.com/workflows/a b'],
    ['a trailing tab', 'https://prod-1.westeurope.logic.azure.com/workflows/x\t'],
    ['a line break in its host', 'https://prod-1.westeurope.logic.az\nure.com/workflows/x'],
    ['a control character', 'https://prod-1.westeurope.logic.azure.com/workflows/\u0000x'],
  ])('refuses a URL with %s, which a parser would encode or drop: NOT_A_URL', (_case, url) => {
    expect(checkTeamsWebhookUrl(url)).toMatchObject({ ok: false, problem: 'INVALID_URL' });
  });
});

describe('parseTeamsWebhookUrl', () => {
  it('gives a command a ValidationError naming the field and the problem', () => {
    const attempt = () => parseTeamsWebhookUrl('teamsWebhookUrl', 'https://contoso.webhook.office.com/webhookb2/1/IncomingWebhook/2/3');

    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field: 'teamsWebhookUrl', reason: 'RETIRED_OFFICE365_CONNECTOR' } }));
    expect(() => parseTeamsWebhookUrl('teamsWebhookUrl', '  ')).toThrow(expect.objectContaining({ details: { field: 'teamsWebhookUrl', reason: 'REQUIRED' } }));
    expect(() => parseTeamsWebhookUrl('teamsWebhookUrl', 'https://prod-1.westeurope.logic.azure.com/workflows/x\t')).toThrow(
      expect.objectContaining({ details: { field: 'teamsWebhookUrl', reason: 'INVALID_URL' } }),
    );
  });

  it('returns the URL, trimmed and normalised', () => {
    expect(parseTeamsWebhookUrl('teamsWebhookUrl', ' https://prod-1.westeurope.logic.azure.com/workflows/x ')).toBe('https://prod-1.westeurope.logic.azure.com/workflows/x');
  });
});
