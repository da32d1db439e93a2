/**
 * An email send never outlives its delivery's lease. The organisation's SMTP server (smtp-server,
 * behind a relay that trickles its answers a byte at a time) answers every step in time for the
 * per-step timeouts, yet one send would take it some twenty seconds; the lease is 6 s. Were the send
 * left to run, the lease-expiry sweep would record it as lost and another attempt would send the
 * email again while the first was still under way: two copies. Through the production delivery
 * ports, with a real clock: the first attempt is abandoned before the server had the message (a
 * retryable timeout), the retry reaches the recovered server, and the member gets it once. What ends
 * the send is its own deadline (STEPWISE_NUDGE_SEND_TIMEOUT_MS) or, were that as long as the lease or
 * longer, the lease itself.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DELIVERY_ID_HEADER } from '@stepwise/integrations';
import { SmtpReceiver, TricklingSmtpRelay } from '@stepwise/integrations/testing';
import { systemClock } from '@stepwise/kernel';
import { AnswerLinkSigner, memberDeliveryId, SecretBox, UnsubscribeLinkSigner, type NudgeDeliverySettings } from '@stepwise/nudges-infrastructure';
import { createLogger, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { insertOwedNudges, IntegrationsTenant, openTestStorage, owedNudge, ProductionDelivery, seedPolicyMembers, testDeliverySettings, uniqueQueuePrefix, waitUntil } from '@stepwise/test-support';

const logger = createLogger('slow-smtp-lease', process.env.STEPWISE_TEST_LOG_LEVEL ?? 'silent');
jest.setTimeout(90_000);

const settings = (prefix: string, sendTimeoutMs: number): NudgeDeliverySettings =>
  testDeliverySettings(prefix, {
    maxAttempts: 4,
    backoffBaseMs: 100,
    backoffCapMs: 400,
    // Long enough that the retry's whole send (connect, greeting, message) fits in it, and in the 3 s
    // deadline, with the machine busy; short of the ~13 s the trickled server takes to have the email.
    leaseMs: 6_000,
    sendTimeoutMs,
    relayPollMs: 50,
  });

describe.each([
  ['its own deadline, 3 s', 3_000, 'the SMTP send did not finish within 3000 ms'],
  ['the lease, its own deadline (20 s) being longer', 20_000, 'the SMTP send did not finish before its lease ran out'],
])('an SMTP server slower than the lease, the send ended by %s', (_case, sendTimeoutMs, abandoned) => {
  const box = new SecretBox({ current: randomBytes(32) });
  const prefix = uniqueQueuePrefix('slow-smtp-lease');
  const errors: unknown[] = [];
  let storage: Storage;
  let production: ProductionDelivery;
  let smtp: SmtpReceiver;
  let relay: TricklingSmtpRelay;
  let tenant: IntegrationsTenant;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema, { poolSize: 6 });
    production = new ProductionDelivery(storage, (error) => errors.push(error));
    await production.projectReadModels();
    smtp = await SmtpReceiver.start();
    // Its first connection trickles (80 ms a byte: some twenty seconds for one email, the message
    // itself sent after ~13 s, once the answers before it are through); later ones do not.
    relay = await TricklingSmtpRelay.start(smtp.port, { byteMs: 80, slowConnections: 1 });
    tenant = await IntegrationsTenant.create(storage.eventStore, systemClock, box, [{ memberId: 'ada' }]);
    await tenant.smtp({ host: '127.0.0.1', port: relay.port, secure: false, fromAddress: 'nudges@slow.example' });
    await tenant.preferences('ada', [{ channel: 'EMAIL', address: 'ada@slow.example' }]);
    await production.runner.caughtUp();
    await seedPolicyMembers(storage.database, tenant.tenantId, [{ memberId: 'ada' }]);
    await production.startDelivering({
      clock: systemClock,
      logger,
      sealer: box,
      outbound: { allowPrivateAddresses: true, timeoutMs: sendTimeoutMs },
      answerLinks: new AnswerLinkSigner(randomBytes(32)),
      unsubscribeLinks: new UnsubscribeLinkSigner(randomBytes(32)),
      publicUrl: 'https://stepwise.example.test',
      slackInteractive: false,
      settings: settings(prefix, sendTimeoutMs),
    });
  }, 60_000);

  afterAll(async () => {
    await production?.stop();
    await relay?.close();
    await smtp?.close();
    await storage?.close();
    expect(errors).toEqual([]);
  });

  it('abandons the send before the server has the email, and delivers it once, on the retry', async () => {
    const nudge = owedNudge({
      organisationId: tenant.tenantId,
      recipientId: 'ada',
      dueAt: new Date().toISOString(),
      subject: { journeyId: `journey-${randomUUID()}`, teamId: 'team-slow', subjectId: `step-${randomUUID()}` },
      facts: { stepTitle: 'a step', journeyTitle: 'Slow mail' },
    });
    const deliveryId = memberDeliveryId(nudge.nudgeId);
    const copies = () => smtp.messages.filter((message) => message.header(DELIVERY_ID_HEADER.toLowerCase()) === deliveryId).length;
    await insertOwedNudges(storage.database, [nudge]);

    const state = async () => (await storage.database.query<{ state: string }>('SELECT state FROM nudges.deliveries WHERE delivery_id = $1', [deliveryId])).rows[0]?.state;
    await waitUntil(async () => ((await state()) === 'DELIVERED' ? true : undefined), 'the email delivered', 30_000);
    // The trickled connection ends: abandoned at once, or (a send left to run) once its email is in.
    await waitUntil(async () => (relay.slowClosed === 1 || copies() > 1 ? true : undefined), 'the slow send over', 30_000);

    expect(copies()).toBe(1);
    const { rows } = await storage.database.query<{ attempt_number: number; outcome: string; detail: string }>(
      'SELECT attempt_number, outcome, detail FROM nudges.delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number',
      [deliveryId],
    );
    expect(rows.map((row) => [row.attempt_number, row.outcome])).toEqual([
      [1, 'RETRYABLE'],
      [2, 'DELIVERED'],
    ]);
    expect(rows[0].detail).toContain(abandoned);
  });
});
