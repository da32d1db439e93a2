/**
 * "My email" follows the account. Ada lists EMAIL at her account email, Bo at another address of
 * his; each takes a step, so a reflection nudge is queued for four hours later; then both change
 * their account email. Ada's queued nudge, and her next one, reach her new address at the local SMTP
 * server (`smtp-server`); Bo's still reaches the address he chose.
 */
import { SmtpReceiver } from '@stepwise/integrations/testing';
import { FixedClock } from '@stepwise/kernel';
import { waitUntil } from '../support/nudges';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { nudgeApi, type NudgeApi, type NudgeNode } from './support/nudge-documents';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type Person, type StepwiseApi } from './support/stepwise-api';

const START = '2026-03-02T09:00:00.000Z';
const HOUR = 3_600_000;

describe('an EMAIL channel at the account email follows it when it changes', () => {
  const clock = new FixedClock(START);
  let smtp: SmtpReceiver;
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let nudges: NudgeApi;
  let org: OrgFixture;
  let ada: Person;
  let bo: Person;
  let journeyId: string;

  const delivered = (as: Person, count: number) => async (): Promise<NudgeNode[] | undefined> => {
    const found = (await nudges.myNudges(as, { first: 50 })).edges.map(({ node }) => node).filter((node) => node.rule === 'REFLECT' && node.state === 'DELIVERED');
    return found.length >= count ? found : undefined;
  };
  const mailTo = (address: string): string[] => smtp.messages.filter((message) => message.envelope.to.includes(address)).map((message) => message.parsed.subject ?? '');

  beforeAll(async () => {
    smtp = await SmtpReceiver.start();
    stepwise = await startStepwise({
      clock,
      env: {
        // The SMTP server is on loopback, as in local development.
        STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true',
        STEPWISE_NUDGE_LOOKAHEAD_MS: '0',
        STEPWISE_NUDGE_RELAY_POLL_MS: '100',
        STEPWISE_NUDGE_BACKOFF_BASE_MS: '50',
        STEPWISE_NUDGE_BACKOFF_CAP_MS: '100',
      },
    });
    api = stepwiseApi(stepwise);
    nudges = nudgeApi(api);
    org = await buildOrg(api, { label: 'email-follows', staff: 2 });
    [ada, bo] = org.staff;
    await api.mutate(org.admin, 'setSmtpIntegration', { host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'nudges@follows.example', fromName: 'Stepwise' });
    await api.mutate(ada, 'changeMemberEmail', { memberId: ada.memberId, email: 'ada@old.example' });
    await api.mutate(bo, 'changeMemberEmail', { memberId: bo.memberId, email: 'bo@old.example' });
    await api.mutate(ada, 'updateNotificationPreferences', { memberId: ada.memberId, channels: [{ channel: 'EMAIL', address: 'Ada@old.example' }] });
    await api.mutate(bo, 'updateNotificationPreferences', { memberId: bo.memberId, channels: [{ channel: 'EMAIL', address: 'bo.home@elsewhere.example' }] });
    journeyId = await startJourney(api, org, { title: 'Inbox zero on Fridays' });
  }, 120_000);

  afterAll(async () => {
    await stepwise?.close();
    await smtp?.close();
  });

  it('a nudge queued before the change reaches the new account email; an address chosen apart from it stays', async () => {
    await takenStep(api, ada, journeyId, 'Clear my inbox');
    await takenStep(api, bo, journeyId, 'Archive old threads');
    await api.mutate(ada, 'changeMemberEmail', { memberId: ada.memberId, email: 'ada@new.example' });
    await api.mutate(bo, 'changeMemberEmail', { memberId: bo.memberId, email: 'bo@new.example' });

    clock.advance(4 * HOUR);
    expect(await waitUntil(delivered(ada, 1), 'ada’s reflection nudge, delivered')).toMatchObject([{ channel: 'EMAIL' }]);
    expect(await waitUntil(delivered(bo, 1), 'bo’s reflection nudge, delivered')).toMatchObject([{ channel: 'EMAIL' }]);
    await waitUntil(() => smtp.messages.length >= 2 || undefined, 'both emails');
    expect(mailTo('ada@new.example')).toEqual(['Time to reflect']);
    expect(mailTo('bo.home@elsewhere.example')).toEqual(['Time to reflect']);
    expect([...mailTo('ada@old.example'), ...mailTo('bo@new.example'), ...mailTo('bo@old.example')]).toEqual([]);

    expect((await api.query(ada, 'notificationPreferences', { memberId: ada.memberId })).channels).toEqual([{ channel: 'EMAIL', address: null }]);
    expect((await api.query(bo, 'notificationPreferences', { memberId: bo.memberId })).channels).toEqual([{ channel: 'EMAIL', address: 'bo.home@elsewhere.example' }]);
  });

  it('a nudge after the change reaches the new account email too', async () => {
    await takenStep(api, ada, journeyId, 'Unsubscribe from newsletters');
    clock.advance(4 * HOUR);
    await waitUntil(delivered(ada, 2), 'ada’s second reflection nudge, delivered');
    await waitUntil(() => smtp.messages.length >= 3 || undefined, 'the third email');
    expect(mailTo('ada@new.example')).toEqual(['Time to reflect', 'Time to reflect']);
    expect(mailTo('ada@old.example')).toEqual([]);
  });
});
