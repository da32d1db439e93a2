/**
 * A slow channel holds up only itself: while an SMTP server takes its time over every message, with
 * a backlog of email nudges waiting for its connections, nudges to other members (in-app here) are
 * still delivered at once, on a worker of two slots. Email jobs that wait for their server's turn
 * lend their slots instead of holding them. When the server answers again, every email arrives,
 * each once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DELIVERY_ID_HEADER } from '@stepwise/integrations';
import { SmtpReceiver } from '@stepwise/integrations/testing';
import { FixedClock } from '@stepwise/kernel';
import type { OwedNudge } from '@stepwise/nudges-domain';
import { AnswerLinkSigner, laneWidthFor, memberDeliveryId, SecretBox, UnsubscribeLinkSigner, type NudgeDeliverySettings } from '@stepwise/nudges-infrastructure';
import { createLogger, type Storage } from '@stepwise/platform';
import { stepwiseSchema } from '@stepwise/read-models';
import { insertOwedNudges, IntegrationsTenant, openTestStorage, owedNudge, ProductionDelivery, seedPolicyMembers, testDeliverySettings, uniqueQueuePrefix, waitUntil } from '@stepwise/test-support';

const logger = createLogger('slow-channel', process.env.STEPWISE_TEST_LOG_LEVEL ?? 'silent');
jest.setTimeout(120_000);

// More than one job's worth (a job carries up to eight of a tenant's nudges due together): two email jobs.
const EMAILS = 12;
const IN_APP = 6;

const settings = (prefix: string): NudgeDeliverySettings =>
  testDeliverySettings(prefix, {
    // Two slots, and one connection to the SMTP server: the two email jobs would fill the worker if they held their slots.
    concurrency: 2,
    backoffBaseMs: 100,
    backoffCapMs: 400,
    leaseMs: 90_000,
    sendTimeoutMs: 60_000,
    relayPollMs: 50,
  });

describe('a slow channel', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const box = new SecretBox({ current: randomBytes(32) });
  const prefix = uniqueQueuePrefix('slow-channel');
  const errors: unknown[] = [];
  const emailMember = (index: number) => `email-${index}`;
  const appMember = (index: number) => `app-${index}`;
  const mailbox = (index: number) => `${emailMember(index)}@slow.example`;
  let storage: Storage;
  let production: ProductionDelivery;
  let smtp: SmtpReceiver;
  let tenant: IntegrationsTenant;

  beforeAll(async () => {
    storage = await openTestStorage('postgres', stepwiseSchema, { poolSize: 6 });
    production = new ProductionDelivery(storage, (error) => errors.push(error));
    await production.projectReadModels();
    smtp = await SmtpReceiver.start();
    const members = [...Array.from({ length: EMAILS }, (_, index) => emailMember(index)), ...Array.from({ length: IN_APP }, (_, index) => appMember(index))];
    tenant = await IntegrationsTenant.create(storage.eventStore, clock, box, members.map((memberId) => ({ memberId })));
    await tenant.smtp({ host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'nudges@slow.example' });
    for (let index = 0; index < EMAILS; index += 1) await tenant.preferences(emailMember(index), [{ channel: 'EMAIL', address: mailbox(index) }]);
    await production.runner.caughtUp();
    await seedPolicyMembers(storage.database, tenant.tenantId, members.map((memberId) => ({ memberId })));
    await startDelivering();
  }, 90_000);

  const links = { answerLinks: new AnswerLinkSigner(randomBytes(32)), unsubscribeLinks: new UnsubscribeLinkSigner(randomBytes(32)) };
  const startDelivering = () =>
    production.startDelivering({
      clock,
      logger,
      sealer: box,
      outbound: { allowPrivateAddresses: true, smtpConnectionsPerServer: 1, timeoutMs: 60_000 },
      ...links,
      publicUrl: 'https://stepwise.example.test',
      slackInteractive: false,
      settings: settings(prefix),
    });

  afterAll(async () => {
    await production?.stop();
    await smtp?.close();
    await storage?.close();
    expect(errors).toEqual([]);
  });

  const owe = async (recipients: readonly string[]): Promise<OwedNudge[]> => {
    const nudges = recipients.map((recipientId) =>
      owedNudge({
        organisationId: tenant.tenantId,
        recipientId,
        dueAt: clock.now().toISOString(),
        subject: { journeyId: `journey-${randomUUID()}`, teamId: 'team-slow', subjectId: `step-${randomUUID()}` },
        facts: { stepTitle: `a step for ${recipientId}`, journeyTitle: 'Slow mail' },
      }),
    );
    await insertOwedNudges(storage.database, nudges);
    return nudges;
  };

  /** Emails the server accepted for these nudges, by the delivery id each carries (a repeat counts again). */
  const delivered = (nudges: readonly OwedNudge[]) => {
    const ids = new Set(nudges.map((nudge) => memberDeliveryId(nudge.nudgeId)));
    return smtp.messages.filter((message) => ids.has(message.header(DELIVERY_ID_HEADER.toLowerCase()) ?? '')).length;
  };

  const statesOf = async (nudges: readonly OwedNudge[]): Promise<Record<string, number>> => {
    const { rows } = await storage.database.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM nudges.deliveries WHERE delivery_id = ANY($1::text[]) GROUP BY state', [
      nudges.map((nudge) => memberDeliveryId(nudge.nudgeId)),
    ]);
    return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
  };

  it('delivers other members while email waits for its server, then every email once', async () => {
    const release = smtp.hold();
    let emails: OwedNudge[];
    try {
      emails = await owe(Array.from({ length: EMAILS }, (_, index) => emailMember(index)));
      // The first email is at the server (held); the others wait for its one connection.
      await waitUntil(async () => (smtp.holding === 1 ? true : undefined), 'the first email held at the SMTP server', 30_000);

      const inApp = await owe(Array.from({ length: IN_APP }, (_, index) => appMember(index)));
      await waitUntil(async () => ((await statesOf(inApp)).DELIVERED === IN_APP ? true : undefined), 'every in-app nudge delivered while email is held', 30_000);
      expect(smtp.messages).toHaveLength(0);
      expect(await statesOf(emails)).not.toHaveProperty('DELIVERED');
    } finally {
      release();
    }
    await waitUntil(async () => ((await statesOf(emails)).DELIVERED === EMAILS ? true : undefined), 'every email delivered once the server answers', 60_000);
    const received = smtp.messages.flatMap((message) => message.envelope.to).sort();
    expect(received).toEqual(Array.from({ length: EMAILS }, (_, index) => mailbox(index)).sort());
    expect(delivered(emails)).toBe(EMAILS);
  });

  it('sends no email waiting for its turn once the worker stops, and another worker delivers it at once, each once', async () => {
    const release = smtp.hold();
    let emails: OwedNudge[];
    let stopping: Promise<void>;
    try {
      emails = await owe(Array.from({ length: EMAILS }, (_, index) => emailMember(index)));
      await waitUntil(async () => (smtp.holding === 1 ? true : undefined), 'the first email held at the SMTP server', 30_000);
      // The worker stops with one email at the server, one more taken (its lease) and queued for the
      // connection, and the rest waiting for their turn.
      stopping = production.stopDelivering();
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      release();
    }
    await stopping;
    const taken = laneWidthFor(1);
    expect(delivered(emails)).toBe(taken);
    expect(await statesOf(emails)).toEqual({ DELIVERED: taken, PENDING: EMAILS - taken });
    const { rows } = await storage.database.query<{ n: string }>('SELECT count(*) AS n FROM nudges.delivery_attempts WHERE delivery_id = ANY($1::text[])', [
      emails.map((nudge) => memberDeliveryId(nudge.nudgeId)),
    ]);
    expect(Number(rows[0].n)).toBe(taken);

    // Back in the relay's hands, not waiting out the stale-job sweep (three minutes here).
    await startDelivering();
    await waitUntil(async () => ((await statesOf(emails)).DELIVERED === EMAILS ? true : undefined), 'every email delivered by the next worker', 30_000);
    expect(delivered(emails)).toBe(EMAILS);
  });
});
