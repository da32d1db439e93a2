import { deciderSpec } from '@stepwise/kernel/testing';
import { WEBHOOK_DELIVERY_ACTOR_ID, type WebhookEndpointActor } from './webhook-endpoint.actor';
import type { EndpointUrl, WebhookEndpointCommand } from './webhook-endpoint.commands';
import { webhookEndpointDecider } from './webhook-endpoint.decider';
import type { WebhookEndpointEvent } from './webhook-endpoint.events';
import { MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION } from './webhook-endpoint.limits';
import { deliverableEventData, WEBHOOK_SUBSCRIPTIONS } from './webhook-event-catalogue';

const given = deciderSpec(webhookEndpointDecider);
const NOW = new Date('2026-03-02T09:00:00.000Z');
const AT = NOW.toISOString();
const ADA: WebhookEndpointActor = { kind: 'member', memberId: 'mem-ada', orgRole: 'ADMIN' };
const BEN: WebhookEndpointActor = { kind: 'member', memberId: 'mem-ben', orgRole: 'MEMBER' };
const DELIVERY: WebhookEndpointActor = { kind: 'system', systemId: WEBHOOK_DELIVERY_ACTOR_ID };
const ids = { organisationId: 'org-1', endpointId: 'wh-1' };

type Of<Type extends WebhookEndpointCommand['type']> = Extract<WebhookEndpointCommand, { type: Type }>;

const command = <Type extends WebhookEndpointCommand['type']>(
  type: Type,
  data: Omit<Of<Type>['data'], 'organisationId' | 'endpointId'> | Record<string, unknown> = {},
  actor: WebhookEndpointActor = ADA,
  now: Date = NOW,
  endpointUrls: readonly EndpointUrl[] = [],
): Of<Type> => ({ type, data: { ...ids, ...data }, metadata: { now, actor, endpointUrls } }) as Of<Type>;

/** `count` other endpoints of the organisation, each posting to a url of its own. */
const others = (count: number): EndpointUrl[] => Array.from({ length: count }, (_, n) => ({ endpointId: `wh-other-${n}`, url: `https://hooks.example.com/other-${n}` }));

const registered = (data: Partial<Extract<WebhookEndpointEvent, { type: 'WebhookEndpointRegistered' }>['data']> = {}): WebhookEndpointEvent => ({
  type: 'WebhookEndpointRegistered',
  data: {
    ...ids,
    url: 'https://hooks.example.com/stepwise',
    description: null,
    subscriptions: ['StepTaken', 'nudge'],
    sealedSecret: 'sealed-1',
    registeredBy: 'mem-ada',
    at: AT,
    ...data,
  },
});

const rotated = (sealedSecret: string, previousSecretExpiresAt: string): WebhookEndpointEvent => ({
  type: 'WebhookSecretRotated',
  data: { ...ids, sealedSecret, previousSecretExpiresAt, rotatedBy: 'mem-ada', at: AT },
});

const disabled = (reason: 'ADMIN' | 'GONE' = 'ADMIN', statusCode: number | null = null): WebhookEndpointEvent => ({
  type: 'WebhookEndpointDisabled',
  data: { ...ids, reason, statusCode, disabledBy: reason === 'GONE' ? WEBHOOK_DELIVERY_ACTOR_ID : 'mem-ada', at: AT },
});

const removed = (): WebhookEndpointEvent => ({ type: 'WebhookEndpointRemoved', data: { ...ids, removedBy: 'mem-ada', at: AT } });

const register = (data: Record<string, unknown> = {}, actor: WebhookEndpointActor = ADA, endpointUrls: readonly EndpointUrl[] = []): Of<'RegisterWebhookEndpoint'> =>
  command('RegisterWebhookEndpoint', { url: 'https://hooks.example.com/stepwise', subscriptions: ['StepTaken', 'nudge'], sealedSecret: 'sealed-1', ...data }, actor, NOW, endpointUrls);

describe('RegisterWebhookEndpoint', () => {
  it('an ADMIN registers an endpoint; the event carries the sealed secret only', () => {
    given([]).when(register({ description: '  Our CRM  ' })).then([registered({ description: 'Our CRM' })]);
  });

  it('normalises the url', () => {
    given([]).when(register({ url: 'HTTPS://Hooks.Example.com:443/a/../stepwise' })).then([registered()]);
  });

  it('lets spaces around the url be, as around any text field', () => {
    given([]).when(register({ url: '  https://hooks.example.com/stepwise ' })).then([registered()]);
  });

  it('subscribes to any journey, tenancy or nudges event type, and to nudge', () => {
    expect(WEBHOOK_SUBSCRIPTIONS).toEqual(expect.arrayContaining(['OrganisationCreated', 'MemberJoined', 'TeamSubscribed', 'JourneyStarted', 'ReflectionRecorded', 'NudgeSettingsChanged', 'WebhookEndpointDisabled', 'nudge']));
    given([]).when(register({ subscriptions: ['MemberEmailChanged', 'PivotMade'] })).then([registered({ subscriptions: ['MemberEmailChanged', 'PivotMade'] })]);
  });

  it('refuses a MEMBER: FORBIDDEN', () => {
    given([]).when(register({}, BEN)).thenThrows('FORBIDDEN');
  });

  it(`registers the organisation's ${MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION}th endpoint, and refuses one more: WEBHOOK_ENDPOINT_LIMIT_REACHED`, () => {
    given([]).when(register({}, ADA, others(MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION - 1))).then([registered()]);
    given([]).when(register({}, ADA, others(MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION))).thenThrows('WEBHOOK_ENDPOINT_LIMIT_REACHED', {
      limit: MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION,
      registered: MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION,
    });
  });

  it('an organisation already past the limit (registrations that raced) registers no more', () => {
    given([]).when(register({}, ADA, others(MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION + 2))).thenThrows('WEBHOOK_ENDPOINT_LIMIT_REACHED');
  });

  it('names a non-admin FORBIDDEN and bad input VALIDATION_FAILED before the limit', () => {
    given([]).when(register({}, BEN, others(MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION))).thenThrows('FORBIDDEN');
    given([]).when(register({ url: 'ftp://hooks.example.com/x' }, ADA, others(MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION))).thenThrows('VALIDATION_FAILED', { field: 'url' });
  });

  it('refuses a url another endpoint of the organisation posts to, enabled or disabled, naming it: WEBHOOK_URL_TAKEN', () => {
    const taken = [...others(2), { endpointId: 'wh-crm', url: 'https://hooks.example.com/stepwise' }];
    given([]).when(register({}, ADA, taken)).thenThrows('WEBHOOK_URL_TAKEN', { field: 'url', endpointId: 'wh-crm' });
    // Compared as normalised: the same url written another way is the same url.
    given([]).when(register({ url: 'HTTPS://Hooks.Example.com:443/a/../stepwise' }, ADA, taken)).thenThrows('WEBHOOK_URL_TAKEN', { endpointId: 'wh-crm' });
    // Another query string, or another path, is another url.
    given([]).when(register({ url: 'https://hooks.example.com/stepwise?team=2' }, ADA, taken)).then([registered({ url: 'https://hooks.example.com/stepwise?team=2' })]);
  });

  it('checks the url before the limit: the endpoint that already has it is what to change', () => {
    const full = [...others(MAX_WEBHOOK_ENDPOINTS_PER_ORGANISATION - 1), { endpointId: 'wh-crm', url: 'https://hooks.example.com/stepwise' }];
    given([]).when(register({}, ADA, full)).thenThrows('WEBHOOK_URL_TAKEN', { endpointId: 'wh-crm' });
  });

  it('refuses an id already used, even after removal: DUPLICATE_ID', () => {
    given([registered(), removed()]).when(register()).thenThrows('DUPLICATE_ID', { field: 'endpointId' });
  });

  it.each([
    ['a url that is not one', { url: 'hooks.example.com' }, 'url', 'INVALID_FORMAT'],
    ['a url of another scheme', { url: 'ftp://hooks.example.com/x' }, 'url', 'HTTPS_REQUIRED'],
    ['a url with credentials', { url: 'https://user:pw@hooks.example.com/x' }, 'url', 'CREDENTIALS_NOT_ALLOWED'],
    ['a url with a fragment', { url: 'https://hooks.example.com/x#y' }, 'url', 'FRAGMENT_NOT_ALLOWED'],
    ['a url with an empty fragment', { url: 'https://hooks.example.com/x#' }, 'url', 'FRAGMENT_NOT_ALLOWED'],
    ['a blank url', { url: ' ' }, 'url', 'REQUIRED'],
    // A URL parser would quietly percent-encode these or drop them: the admin would not get the URL they see.
    ['a url with a space in it', { url: 'https://hooks.example.com/a b' }, 'url', 'INVALID_FORMAT'],
    ['a url ending in a tab', { url: 'https://hooks.example.com/a\t' }, 'url', 'INVALID_FORMAT'],
    ['a url with a line break in its host', { url: 'https://hooks.exa\nmple.com/a' }, 'url', 'INVALID_FORMAT'],
    ['a url with a control character', { url: 'https://hooks.example.com/a\u0000b' }, 'url', 'INVALID_FORMAT'],
    ['a url with a no-break space in it', { url: 'https://hooks.example.com/a\u00a0b' }, 'url', 'INVALID_FORMAT'],
    ['a url with a zero-width space in it', { url: 'https://hooks.example.com/a\u200bb' }, 'url', 'INVALID_FORMAT'],
    ['no subscriptions', { subscriptions: [] }, 'subscriptions', 'REQUIRED'],
    ['an unknown event type', { subscriptions: ['StepTaken', 'StepTakn'] }, 'subscriptions[1]', 'UNKNOWN_EVENT_TYPE'],
    ['a subscription twice', { subscriptions: ['nudge', 'nudge'] }, 'subscriptions[1]', 'DUPLICATE'],
    ['a description too long', { description: 'x'.repeat(201) }, 'description', 'TOO_LONG'],
    ['a description over two lines', { description: 'line1\nline2' }, 'description', 'INVALID_FORMAT'],
    ['a description with a control character', { description: 'a\u0007b' }, 'description', 'INVALID_FORMAT'],
  ])('refuses %s: VALIDATION_FAILED naming the field', (_case, data, field, reason) => {
    given([]).when(register(data)).thenThrows('VALIDATION_FAILED', { field, reason });
  });

  it('refuses a url too long once written out (each é in the path six characters percent-encoded), saying the most it takes', () => {
    const long = `https://hooks.example.com/${'é'.repeat(400)}`;
    given([]).when(register({ url: long })).thenThrows('VALIDATION_FAILED', { field: 'url', reason: 'TOO_LONG', max: expect.any(Number) });
  });
});

describe('UpdateWebhookEndpoint', () => {
  it('changes what is given; the event carries the whole endpoint after the change', () => {
    given([registered({ description: 'CRM' })])
      .when(command('UpdateWebhookEndpoint', { subscriptions: ['nudge'] }))
      .then([
        { type: 'WebhookEndpointUpdated', data: { ...ids, url: 'https://hooks.example.com/stepwise', description: 'CRM', subscriptions: ['nudge'], updatedBy: 'mem-ada', at: AT } },
      ]);
  });

  it('the same values record nothing', () => {
    given([registered()]).when(command('UpdateWebhookEndpoint', { url: 'https://hooks.example.com/stepwise' })).then([]);
  });

  it('refuses a url with whitespace or a control character in it, naming the field', () => {
    for (const url of ['https://hooks.example.com/a b', 'https://hooks.example.com/stepwise\t', 'https://hooks.example.com/\r\nstepwise']) {
      given([registered()]).when(command('UpdateWebhookEndpoint', { url })).thenThrows('VALIDATION_FAILED', { field: 'url', reason: 'INVALID_FORMAT' });
    }
  });

  it('refuses a new url another endpoint posts to: WEBHOOK_URL_TAKEN; its own url, or a url no other has, is fine', () => {
    const urls = [{ ...ids, url: 'https://hooks.example.com/stepwise' }, { endpointId: 'wh-crm', url: 'https://crm.example.com/in' }];
    given([registered()]).when(command('UpdateWebhookEndpoint', { url: 'https://CRM.example.com/in' }, ADA, NOW, urls)).thenThrows('WEBHOOK_URL_TAKEN', { field: 'url', endpointId: 'wh-crm' });
    given([registered()]).when(command('UpdateWebhookEndpoint', { url: 'https://hooks.example.com/stepwise', description: 'Ours' }, ADA, NOW, urls)).then([
      { type: 'WebhookEndpointUpdated', data: { ...ids, url: 'https://hooks.example.com/stepwise', description: 'Ours', subscriptions: ['StepTaken', 'nudge'], updatedBy: 'mem-ada', at: AT } },
    ]);
    given([registered()]).when(command('UpdateWebhookEndpoint', { url: 'https://crm.example.com/other' }, ADA, NOW, urls)).then([
      { type: 'WebhookEndpointUpdated', data: { ...ids, url: 'https://crm.example.com/other', description: null, subscriptions: ['StepTaken', 'nudge'], updatedBy: 'mem-ada', at: AT } },
    ]);
  });

  it('refuses nothing to change, an unknown endpoint and a removed one', () => {
    given([registered()]).when(command('UpdateWebhookEndpoint', {})).thenThrows('VALIDATION_FAILED', { field: 'input', oneOf: ['url', 'description', 'subscriptions'] });
    given([]).when(command('UpdateWebhookEndpoint', { description: 'x' })).thenThrows('WEBHOOK_ENDPOINT_NOT_FOUND', { field: 'endpointId' });
    given([registered(), removed()]).when(command('UpdateWebhookEndpoint', { description: 'x' })).thenThrows('WEBHOOK_ENDPOINT_NOT_FOUND');
  });
});

describe('secret rotation', () => {
  it('keeps the previous secret valid for 24 hours by default', () => {
    given([registered()]).when(command('RotateWebhookSecret', { sealedSecret: 'sealed-2' })).then([rotated('sealed-2', '2026-03-03T09:00:00.000Z')]);
  });

  it('takes a grace period of its own, up to a week, and 0 for none', () => {
    given([registered()]).when(command('RotateWebhookSecret', { sealedSecret: 'sealed-2', gracePeriodMinutes: 90 })).then([rotated('sealed-2', '2026-03-02T10:30:00.000Z')]);
    given([registered()]).when(command('RotateWebhookSecret', { sealedSecret: 'sealed-2', gracePeriodMinutes: 0 })).then([rotated('sealed-2', AT)]);
    given([registered()]).when(command('RotateWebhookSecret', { sealedSecret: 'sealed-2', gracePeriodMinutes: 7 * 24 * 60 + 1 })).thenThrows('VALIDATION_FAILED', {
      field: 'gracePeriodMinutes',
    });
  });

  it('rotates a disabled endpoint too (an admin fixes it before enabling it)', () => {
    given([registered(), disabled()]).when(command('RotateWebhookSecret', { sealedSecret: 'sealed-2' })).then([rotated('sealed-2', '2026-03-03T09:00:00.000Z')]);
  });

  it('ends the grace period early', () => {
    given([registered(), rotated('sealed-2', '2026-03-03T09:00:00.000Z')])
      .when(command('ExpirePreviousWebhookSecret'))
      .then([{ type: 'WebhookPreviousSecretExpired', data: { ...ids, expiredBy: 'mem-ada', at: AT } }]);
  });

  it('expiring records nothing when no previous secret is still valid', () => {
    given([registered()]).when(command('ExpirePreviousWebhookSecret')).then([]);
    given([registered(), rotated('sealed-2', '2026-03-02T08:00:00.000Z')]).when(command('ExpirePreviousWebhookSecret')).then([]);
  });

  it('refuses a MEMBER rotating or expiring: FORBIDDEN', () => {
    given([registered()]).when(command('RotateWebhookSecret', { sealedSecret: 'sealed-2' }, BEN)).thenThrows('FORBIDDEN');
    given([registered()]).when(command('ExpirePreviousWebhookSecret', {}, BEN)).thenThrows('FORBIDDEN');
  });
});

describe('disable, enable, remove', () => {
  it('an ADMIN disables and enables it; doing either twice records nothing', () => {
    given([registered()]).when(command('DisableWebhookEndpoint', { reason: 'ADMIN' })).then([disabled()]);
    given([registered(), disabled()]).when(command('DisableWebhookEndpoint', { reason: 'ADMIN' })).then([]);
    given([registered(), disabled()])
      .when(command('EnableWebhookEndpoint'))
      .then([{ type: 'WebhookEndpointEnabled', data: { ...ids, enabledBy: 'mem-ada', at: AT } }]);
    given([registered()]).when(command('EnableWebhookEndpoint')).then([]);
  });

  it('webhook delivery disables it as GONE with the receiver’s status, attributed to the system', () => {
    given([registered()]).when(command('DisableWebhookEndpoint', { reason: 'GONE', statusCode: 410 }, DELIVERY)).then([disabled('GONE', 410)]);
  });

  it('only delivery marks an endpoint GONE, and delivery does nothing else', () => {
    given([registered()]).when(command('DisableWebhookEndpoint', { reason: 'GONE', statusCode: 410 })).thenThrows('FORBIDDEN');
    given([registered()]).when(command('DisableWebhookEndpoint', { reason: 'ADMIN' }, DELIVERY)).thenThrows('FORBIDDEN');
    given([registered()]).when(command('RemoveWebhookEndpoint', {}, DELIVERY)).thenThrows('FORBIDDEN');
  });

  it('refuses GONE without a status code, and ADMIN with one', () => {
    given([registered()]).when(command('DisableWebhookEndpoint', { reason: 'GONE' }, DELIVERY)).thenThrows('VALIDATION_FAILED', { field: 'statusCode' });
    given([registered()]).when(command('DisableWebhookEndpoint', { reason: 'ADMIN', statusCode: 410 })).thenThrows('VALIDATION_FAILED', { field: 'statusCode' });
  });

  it('removes it; after that it is not found', () => {
    given([registered()]).when(command('RemoveWebhookEndpoint')).then([removed()]);
    given([registered(), removed()]).when(command('RemoveWebhookEndpoint')).thenThrows('WEBHOOK_ENDPOINT_NOT_FOUND');
    given([registered(), removed()]).when(command('DisableWebhookEndpoint', { reason: 'GONE', statusCode: 410 }, DELIVERY)).thenThrows('WEBHOOK_ENDPOINT_NOT_FOUND');
  });
});

describe('what a receiver may see of the endpoint events', () => {
  it('drops the sealed secret, and leaves other events as they were', () => {
    const [event] = [registered()];
    expect(deliverableEventData(event.type, event.data)).not.toHaveProperty('sealedSecret');
    expect(deliverableEventData(event.type, event.data)).toMatchObject({ endpointId: 'wh-1', url: 'https://hooks.example.com/stepwise' });
    const rotation = rotated('sealed-2', AT);
    expect(deliverableEventData(rotation.type, rotation.data)).toEqual({ ...ids, previousSecretExpiresAt: AT, rotatedBy: 'mem-ada', at: AT });
    expect(deliverableEventData('StepTaken', { stepId: 's-1' })).toEqual({ stepId: 's-1' });
  });
});
