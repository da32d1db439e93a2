/**
 * One-click unsubscribe (RFC 8058) over HTTP, as a mail client does it: POST
 * `List-Unsubscribe=One-Click` to the List-Unsubscribe URL. The rule is then off in the member's
 * notification preferences, recorded once as their own change however often the link is used; GET
 * only shows a page; a forged link is refused and writes nothing.
 */
import { openUnsubscribeLinkSigner, unsubscribeUrl, type UnsubscribeLinkSigner } from '@stepwise/nudges-infrastructure';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { addPerson, buildOrg, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';

const ONE_CLICK = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' };

describe('one-click unsubscribe', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let signer: UnsubscribeLinkSigner;

  const changes = async (memberId: string) =>
    (
      await stepwise.runtime.database.query<{ data: { optedOut: string[]; changedBy: string }; metadata: { actorId: string } }>(
        `SELECT data, metadata FROM es_events WHERE tenant_id = $1 AND event_type = 'NotificationPreferencesChanged' AND data->>'memberId' = $2`,
        [org.organisationId, memberId],
      )
    ).rows;

  beforeAll(async () => {
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'unsubscribe' });
    signer = await openUnsubscribeLinkSigner(stepwise.config.answerLinks);
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('turns the rule off for that member, as their own change, recorded once however often the link is used', async () => {
    const member = org.staff[0];
    const url = unsubscribeUrl(signer, stepwise.url, { tenantId: org.organisationId, memberId: member.memberId, rule: 'REFLECT' });

    const first = await fetch(url, ONE_CLICK);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Unsubscribed');
    const preferences = await api.query(member, 'notificationPreferences', { memberId: member.memberId });
    expect(preferences.optedOut).toEqual(['REFLECT']);

    const again = await fetch(url, ONE_CLICK);
    expect(again.status).toBe(200);
    const recorded = await changes(member.memberId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].data).toMatchObject({ optedOut: ['REFLECT'], changedBy: member.memberId });
    expect(recorded[0].metadata).toMatchObject({ actorId: member.memberId });
  });

  it('adds to what the member already opted out of, and leaves other members alone', async () => {
    const member = org.staff[1];
    await api.mutate(member, 'updateNotificationPreferences', { memberId: member.memberId, optedOut: ['WEEKLY_DIGEST'] });
    const response = await fetch(unsubscribeUrl(signer, stepwise.url, { tenantId: org.organisationId, memberId: member.memberId, rule: 'STALLED_JOURNEY' }), ONE_CLICK);
    expect(response.status).toBe(200);
    const preferences = await api.query(member, 'notificationPreferences', { memberId: member.memberId });
    expect([...preferences.optedOut].sort()).toEqual(['STALLED_JOURNEY', 'WEEKLY_DIGEST']);
    expect((await api.query(org.leader, 'notificationPreferences', { memberId: org.leader.memberId })).optedOut).toEqual([]);
  });

  it('answers a member who has left with 200 and writes nothing: they are sent nothing, so there is nothing to turn off', async () => {
    const left = await buildOrg(api, { label: 'unsubscribeleft', staff: 1 });
    const member = left.staff[0];
    await api.mutate(left.admin, 'removeMember', { memberId: member.memberId });
    const url = unsubscribeUrl(signer, stepwise.url, { tenantId: left.organisationId, memberId: member.memberId, rule: 'REFLECT' });
    // The page opened from the email says what its button would: no form offering to turn off what is not sent.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const shown = await page.text();
    expect(shown).toContain('no longer a member');
    expect(shown).not.toContain('<form');
    const response = await fetch(url, ONE_CLICK);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('no longer a member');
    const { rows } = await stepwise.runtime.database.query(
      `SELECT 1 FROM es_events WHERE tenant_id = $1 AND event_type = 'NotificationPreferencesChanged' AND data->>'memberId' = $2`,
      [left.organisationId, member.memberId],
    );
    expect(rows).toEqual([]);
  });

  it('an older email’s link of someone removed and added again turns the rule off for the member they are now', async () => {
    const again = await buildOrg(api, { label: 'unsubscribeagain', staff: 1 });
    const before = again.staff[0];
    const url = unsubscribeUrl(signer, stepwise.url, { tenantId: again.organisationId, memberId: before.memberId, rule: 'REFLECT' });
    await api.mutate(again.admin, 'removeMember', { memberId: before.memberId });
    const now = await addPerson(api, again.admin, before.subject, before.name);
    expect(now.memberId).not.toBe(before.memberId);
    const page = await fetch(url);
    expect(await page.text()).toContain('<form');
    const response = await fetch(url, ONE_CLICK);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Unsubscribed');
    expect((await api.query(now, 'notificationPreferences', { memberId: now.memberId })).optedOut).toEqual(['REFLECT']);
  });

  it('GET shows a page whose form posts back, and writes nothing', async () => {
    const head = await stepwise.runtime.eventStore.logHead();
    const url = unsubscribeUrl(signer, stepwise.url, { tenantId: org.organisationId, memberId: org.leader.memberId, rule: 'CONSIDER_PIVOT' });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).toContain('consider pivot');
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
  });

  it('refuses a forged or mangled link with 400 and writes nothing', async () => {
    const head = await stepwise.runtime.eventStore.logHead();
    const genuine = unsubscribeUrl(signer, stepwise.url, { tenantId: org.organisationId, memberId: org.leader.memberId, rule: 'REFLECT' });
    const token = genuine.split('/').pop()!;
    const [, mac] = token.split('.');
    const forgedClaims = Buffer.from(JSON.stringify({ v: 1, t: org.organisationId, m: org.admin.memberId, r: 'REFLECT' })).toString('base64url');
    for (const bad of [`${forgedClaims}.${mac}`, `${token.slice(0, -2)}AA`, 'nonsense']) {
      const response = await fetch(`${stepwise.url}/unsubscribe/${bad}`, ONE_CLICK);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('UNSUBSCRIBE_LINK_INVALID');
      expect((await fetch(`${stepwise.url}/unsubscribe/${bad}`)).status).toBe(400);
    }
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
    expect(await changes(org.admin.memberId)).toHaveLength(0);
  });

  it('refuses a body too large or unreadable, and any method but GET, HEAD and POST, with a page carrying its code: nothing changed', async () => {
    const head = await stepwise.runtime.eventStore.logHead();
    const url = unsubscribeUrl(signer, stepwise.url, { tenantId: org.organisationId, memberId: org.admin.memberId, rule: 'WEEKLY_DIGEST' });
    const code = (html: string) => /<meta name="stepwise-code" content="([^"]+)">/.exec(html)?.[1];
    const expectPage = async (response: Response, status: number, expected: string) => {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await response.text();
      expect(code(html)).toBe(expected);
      expect(html).not.toContain(url.split('/').pop()!);
    };
    await expectPage(await fetch(url, { ...ONE_CLICK, body: `List-Unsubscribe=One-Click&padding=${'x'.repeat(300_000)}` }), 413, 'PAYLOAD_TOO_LARGE');
    await expectPage(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"List-Unsubscribe":' }), 400, 'BAD_REQUEST');
    await expectPage(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=latin-9' }, body: 'List-Unsubscribe=One-Click' }), 400, 'BAD_REQUEST');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const refused = await fetch(url, { ...ONE_CLICK, method });
      expect(refused.headers.get('allow')).toBe('GET, HEAD, POST');
      await expectPage(refused, 405, 'METHOD_NOT_ALLOWED');
    }
    const options = await fetch(url, { method: 'OPTIONS' });
    expect([options.status, options.headers.get('allow'), await options.text()]).toEqual([204, 'GET, HEAD, POST', '']);
    await expectPage(await fetch(`${stepwise.url}/unsubscribe/`, ONE_CLICK), 400, 'UNSUBSCRIBE_LINK_INVALID');
    await expectPage(await fetch(`${url}/more`, ONE_CLICK), 400, 'UNSUBSCRIBE_LINK_INVALID');
    // A path that cannot be percent-decoded: the router refused it in JSON, echoing the token.
    await expectPage(await fetch(`${url}%E0%A4%A`, ONE_CLICK), 400, 'UNSUBSCRIBE_LINK_INVALID');
    await expectPage(await fetch(`${url}%ZZ`), 400, 'UNSUBSCRIBE_LINK_INVALID');
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
    expect(await changes(org.admin.memberId)).toHaveLength(0);
  });

  it('refuses a path no route takes (a doubled or escaped slash) without repeating the link in its answer, nothing changed', async () => {
    const head = await stepwise.runtime.eventStore.logHead();
    const url = unsubscribeUrl(signer, stepwise.url, { tenantId: org.organisationId, memberId: org.admin.memberId, rule: 'STALLED_JOURNEY' });
    const token = url.split('/').pop()!;
    for (const path of [`//unsubscribe/${token}`, `/unsubscribe//${token}`, `/unsubscribe%2F${token}`]) {
      for (const refused of [await fetch(`${stepwise.url}${path}`), await fetch(`${stepwise.url}${path}`, ONE_CLICK)]) {
        const body = await refused.text();
        expect({ path, status: refused.status, code: (JSON.parse(body) as { code: string }).code, echoed: body.includes(token) }).toEqual({ path, status: 404, code: 'NOT_FOUND', echoed: false });
      }
    }
    expect(await stepwise.runtime.eventStore.logHead()).toEqual(head);
    expect(await changes(org.admin.memberId)).toHaveLength(0);
  });
});
