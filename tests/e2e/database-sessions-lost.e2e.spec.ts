/**
 * PostgreSQL sessions dying under a running Stepwise, api and worker as `npm start` composes them on
 * a database of their own: every session ended at once (a failover, a restarted pgbouncer, an admin's
 * pg_terminate_backend), only the listening ones (an idle-session killer), and an outage during which
 * the database lets no session in. The projection poll is a minute, far beyond every wait here, so
 * only wake-ups on the listening sessions keep the read models in step in time.
 */
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { FixedClock } from '@stepwise/kernel';
import { openUnsubscribeLinkSigner, unsubscribeUrl } from '@stepwise/nudges-infrastructure';
import { READ_MODELS_PROCESSOR } from '@stepwise/projections';
import { waitUntil } from '../support/nudges';
import { http, startStepwise, type Stepwise } from '../support/stepwise-harness';
import { nudgeApi, type NudgeApi } from './support/nudge-documents';
import { askUntil } from './support/ask-until';
import { beginOutage, databaseNameOf, endSessions, leasesHeld, sessionCount } from './support/database-sessions';
import { connectSlack, issueLinks, oneTapEnv, pageCode, slackTap, submitComfort } from './support/one-tap';
import { addPerson, buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { errorCode, stepwiseApi, type JourneyPayload, type Person, type StepwiseApi } from './support/stepwise-api';

const waitFor = async (what: string, condition: () => Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('PostgreSQL sessions lost under the api and the worker', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let ada: Person;
  let journeyId: string;
  let database: string;

  /** The titles of ada's open steps, as the read models hold them. */
  const openStepTitles = async (): Promise<string[]> => (await api.query(ada, 'myOpenSteps', { first: 100 })).edges.map(({ node }) => node.title);
  /** Asks until the read models hold every title (once each), then answers how often each appears. */
  const projectedOnce = async (titles: readonly string[]): Promise<Record<string, number>> => {
    const held = await askUntil(openStepTitles, (open) => titles.every((title) => open.includes(title)));
    return Object.fromEntries(titles.map((title) => [title, held.filter((open) => open === title).length]));
  };
  const once = (titles: readonly string[]): Record<string, number> => Object.fromEntries(titles.map((title) => [title, 1]));
  const planStep = (title: string, clientMutationId?: string) => api.attempt(ada, 'planStep', { journeyId, title, ...(clientMutationId && { clientMutationId }) });

  /** The processes' log lines, as logged (info and above). */
  const logged: Record<string, unknown>[] = [];
  const KEPT_CACHES = ['memberships', 'journeys', 'analytics'];
  /** What a kept-answer cache of the api said of its listening session since `since`, in order: off (lost) and on (hearing again). */
  const keptAnswersSaid = (cache: string, since = new Date(0)): ('off' | 'on')[] =>
    logged
      .filter((line) => line.cache === cache && new Date(line.time as string) >= since)
      .map((line) => (line.code === 'LISTENING_SESSION_LOST' ? 'off' : 'on'));

  beforeAll(async () => {
    stepwise = await startStepwise({
      env: { STEPWISE_PROJECTION_POLL_MS: '60000', STEPWISE_LOG_LEVEL: 'info' },
      logDestination: new Writable({
        write(chunk, _encoding, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
          done();
        },
      }),
    });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'sessions', staff: 1 });
    [ada] = org.staff;
    journeyId = await startJourney(api, org);
    database = databaseNameOf(stepwise);
  });

  afterAll(async () => {
    // Whatever a failed test left behind: the harness drops the database with force.
    await beginOutage(database).then((end) => end()).catch(() => undefined);
    await stepwise?.close();
  });

  it('answers the next queries and mutations after every session is ended, takes its leases again and projects what follows once', async () => {
    const leases = await leasesHeld(database);
    expect(leases).toBeGreaterThan(0);
    const ended = await endSessions(database);
    expect(ended).toEqual(expect.arrayContaining(['stepwise', 'stepwise-listener', 'stepwise-lease', 'stepwise-projections-listener']));

    const journey = await api.attemptQuery(org.leader, 'journey', { id: journeyId });
    expect(journey.errors).toBeUndefined();
    const titles = ['After the cut 1', 'After the cut 2', 'After the cut 3'];
    for (const title of titles) expect((await planStep(title)).errors).toBeUndefined();

    expect(await projectedOnce(titles)).toEqual(once(titles));
    await waitFor('the processors leasing again', async () => (await leasesHeld(database)) === leases);
  });

  it('fails only the mutation whose session is ended under it, coded, and applies it once when sent again', async () => {
    const url = stepwise.runtime.config.database.kind === 'postgres' ? stepwise.runtime.config.database.url : '';
    // The journey's stream head locked, so the mutation's append waits on it with its session busy.
    const holder = new Client({ connectionString: url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM es_streams WHERE tenant_id = $1 AND stream_id = $2 FOR UPDATE', [org.organisationId, `journey-${journeyId}`]);
    const title = 'Cut off mid-append';
    const clientMutationId = `cut-${randomUUID()}`;
    const answer = planStep(title, clientMutationId);
    const blocked = async (): Promise<number[]> =>
      (
        await holder.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'stepwise' AND wait_event_type = 'Lock'`,
        )
      ).rows.map((row) => row.pid);
    await waitFor('the append waiting on the stream head', async () => (await blocked()).length === 1);
    const [appending] = await blocked();
    await holder.query('SELECT pg_terminate_backend($1)', [appending]);
    await holder.query('COMMIT');
    await holder.end();

    const cut = await answer;
    expect(errorCode(cut)).toBe('DATABASE_UNAVAILABLE');
    // Everything else goes on: a query at once, and the same mutation sent again applies (once).
    expect((await api.attemptQuery(org.leader, 'journey', { id: journeyId })).errors).toBeUndefined();
    const resent = await planStep(title, clientMutationId);
    expect(resent.errors).toBeUndefined();
    expect((resent.data?.planStep as JourneyPayload).outcome.replayed).toBe(false);
    expect(await projectedOnce([title])).toEqual(once([title]));
  });

  it('keeps projecting promptly when only the listening sessions are ended', async () => {
    const endedAt = new Date();
    const ended = await endSessions(database, '%listener');
    expect(ended.length).toBeGreaterThan(0);
    const title = 'After the listeners went';
    expect((await planStep(title)).errors).toBeUndefined();
    expect(await projectedOnce([title])).toEqual(once([title]));
    // And they listen again: a write after that is woken by its notification, not the minute's poll.
    await waitFor('listening sessions again', async () => (await sessionCount(database, '%listener', endedAt)) === ended.length);
    const later = 'After listening again';
    const answered = await planStep(later);
    expect(answered.errors).toBeUndefined();
    // Read-your-writes is answered by the write's projection, not the end of its wait.
    expect((answered.data?.planStep as JourneyPayload).outcome.projected).toBe(true);
    expect(await projectedOnce([later])).toEqual(once([later]));
  });

  it('refuses a removed member as soon as the removal is projected, after its listening sessions were ended', async () => {
    const leaving = await addPerson(api, org.admin, `leaving-${randomUUID().slice(0, 8)}`, 'Leaving Member');
    // Hearing of changes (an earlier test may have ended the listening session a moment ago)...
    await waitFor('every kept-answer cache hearing', async () => KEPT_CACHES.every((cache) => keptAnswersSaid(cache).at(-1) !== 'off'));
    // ...and checked once: the api now keeps the membership.
    expect((await api.attemptQuery(leaving, 'me')).errors).toBeUndefined();
    const ended = new Date();
    expect(await endSessions(database, 'stepwise-listener')).toEqual(['stepwise-listener']);
    await waitFor('the api listening again', async () => (await sessionCount(database, 'stepwise-listener', ended)) === 1);
    // Each kept-answer cache said it stopped hearing of changes, and then that it hears again.
    await waitFor('every kept-answer cache hearing again', async () => KEPT_CACHES.every((cache) => keptAnswersSaid(cache, ended).join() === 'off,on'));

    const removed = await api.mutate(org.admin, 'removeMember', { memberId: leaving.memberId });
    expect(removed.outcome.projected).toBe(true);
    expect(errorCode(await api.attemptQuery(leaving, 'me'))).toBe('ORGANISATION_NOT_FOUND');
  });

  it('answers DATABASE_UNAVAILABLE while the database lets no session in, and a mutation sent again with its clientMutationId then applies once', async () => {
    const title = 'Planned through an outage';
    const clientMutationId = `outage-${randomUUID()}`;
    const endOutage = await beginOutage(database);
    try {
      const query = await api.attemptQuery(org.leader, 'journey', { id: journeyId });
      expect(errorCode(query)).toBe('DATABASE_UNAVAILABLE');
      expect(query.errors?.[0]?.extensions?.correlationId).toEqual(expect.any(String));
      expect(JSON.stringify(query.errors)).not.toMatch(/accepting connections|stack|at /);
      const mutation = await planStep(title, clientMutationId);
      expect(errorCode(mutation)).toBe('DATABASE_UNAVAILABLE');
      const health = await http(`${stepwise.url}/health`);
      expect(health.status).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable', checks: { eventStore: { status: 'down' } } });
      // A load balancer asks every few seconds: the outage is logged once, without a stack, not at every ask.
      for (let ask = 0; ask < 3; ask += 1) expect((await http(`${stepwise.url}/health`)).status).toBe(503);
      const readiness = logged.filter((line) => line.component === 'readiness' || line.msg === 'Event store readiness check failed');
      expect(readiness).toEqual([expect.objectContaining({ code: 'DATABASE_UNAVAILABLE', msg: expect.stringContaining('database out of reach') })]);
      expect(readiness[0]).not.toHaveProperty('err');
    } finally {
      await endOutage();
    }
    await waitFor('ready again', async () => (await http(`${stepwise.url}/health`)).json().status === 'ready');

    const resent = await planStep(title, clientMutationId);
    expect(resent.errors).toBeUndefined();
    expect((resent.data?.planStep as JourneyPayload).outcome.replayed).toBe(false);
    const again = await planStep(title, clientMutationId);
    expect((again.data?.planStep as JourneyPayload).outcome.replayed).toBe(true);
    expect(await projectedOnce([title])).toEqual(once([title]));
  });

  it('answers a mutation whose write committed with its outcome when the database drops out while it waits to read it', async () => {
    // The read models held back: their checkpoint row locked, so the mutation waits after its commit.
    // The lock outlives the outage's cut of Stepwise's own sessions: ended with them, it could go
    // first (the sessions are ended one after another) and let the read models commit before theirs.
    const holder = new Client({
      connectionString: stepwise.runtime.config.database.kind === 'postgres' ? stepwise.runtime.config.database.url : '',
      application_name: 'checkpoint-lock-holder',
    });
    holder.on('error', () => undefined); // the outage's errors, should one reach it
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM es_checkpoints WHERE processor = $1 FOR UPDATE', [READ_MODELS_PROCESSOR]);
    const title = 'Committed before the outage';
    const clientMutationId = `committed-${randomUUID()}`;
    const stepsBefore = Number((await holder.query(`SELECT count(*) FROM es_events WHERE event_type = 'StepPlanned'`)).rows[0].count);
    const answer = planStep(title, clientMutationId);
    await waitFor('the step committed', async () => Number((await stepwise.runtime.database.query<{ count: string }>(`SELECT count(*) FROM es_events WHERE event_type = 'StepPlanned'`)).rows[0].count) > stepsBefore);

    const endOutage = await beginOutage(database, 'stepwise%');
    let response: Awaited<typeof answer>;
    try {
      response = await answer;
    } finally {
      await holder.end().catch(() => undefined);
      await endOutage();
    }
    // The write stands: its outcome is answered; only the journey, read after it while the database was out, is missing, and says why.
    expect((response.data?.planStep as JourneyPayload).outcome).toMatchObject({ replayed: false, projected: false });
    expect((response.data?.planStep as JourneyPayload).journey).toBeNull();
    expect(response.errors).toEqual([expect.objectContaining({ path: ['planStep', 'journey'], extensions: expect.objectContaining({ code: 'DATABASE_UNAVAILABLE' }) })]);
    expect((await planStep(title, clientMutationId)).data?.planStep).toMatchObject({ outcome: { replayed: true } });
    expect(await projectedOnce([title])).toEqual(once([title]));
  });
});

describe('nudges owed after PostgreSQL sessions were lost under the worker', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let nudges: NudgeApi;
  let database: string;

  beforeAll(async () => {
    // Polls of a minute: only wake-ups on the listening sessions move the policy and the relay in time.
    stepwise = await startStepwise({
      clock,
      env: { STEPWISE_PROJECTION_POLL_MS: '60000', STEPWISE_NUDGE_RELAY_POLL_MS: '60000', STEPWISE_NUDGE_LOOKAHEAD_MS: '0' },
    });
    api = stepwiseApi(stepwise);
    nudges = nudgeApi(api);
    database = databaseNameOf(stepwise);
  });

  afterAll(() => stepwise?.close());

  /** A staff member's low-comfort reflection owes their leader a support nudge at once; answers it once delivered in-app. */
  const owedSupport = async (): Promise<string> => {
    const org = await buildOrg(api, { label: 'nudged', staff: 1 });
    const journeyId = await startJourney(api, org);
    await api.mutate(org.staff[0], 'recordReflection', { journeyId, closer: 'NO', comfort: 1 });
    const delivered = await waitUntil(async () => {
      const mine = (await nudges.myNudges(org.leader, { first: 50 })).edges.map(({ node }) => node);
      return mine.find((node) => node.rule === 'SUPPORT_LOW_COMFORT' && node.state === 'DELIVERED');
    }, 'the support nudge, delivered');
    return delivered.id;
  };
  /** How many deliveries, and attempts at them, a nudge has. */
  const deliveredTimes = async (nudgeId: string): Promise<{ deliveries: number; attempts: number }> => {
    const { rows } = await stepwise.runtime.database.query<{ deliveries: string; attempts: string }>(
      `SELECT count(*) AS deliveries, (SELECT count(*) FROM nudges.delivery_attempts a WHERE a.delivery_id IN (SELECT delivery_id FROM nudges.deliveries WHERE nudge_id = $1)) AS attempts
         FROM nudges.deliveries WHERE nudge_id = $1`,
      [nudgeId],
    );
    return { deliveries: Number(rows[0].deliveries), attempts: Number(rows[0].attempts) };
  };

  it('delivers a nudge owed after every session was ended, once', async () => {
    expect(await endSessions(database)).toEqual(expect.arrayContaining(['stepwise-nudges-listener', 'stepwise-lease']));
    expect(await deliveredTimes(await owedSupport())).toEqual({ deliveries: 1, attempts: 1 });
  });

  it('delivers a nudge owed after only the listening sessions were ended, once', async () => {
    expect(await endSessions(database, '%listener')).toEqual(expect.arrayContaining(['stepwise-nudges-listener']));
    expect(await deliveredTimes(await owedSupport())).toEqual({ deliveries: 1, attempts: 1 });
  });
});

describe('answer and unsubscribe links while the database lets no session in', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;

  beforeAll(async () => {
    stepwise = await startStepwise({ clock, env: oneTapEnv });
    api = stepwiseApi(stepwise);
  });

  afterAll(() => stepwise?.close());

  it('says it may not have been recorded (503 DATABASE_UNAVAILABLE), and sent again once the database is back records it once', async () => {
    const org = await buildOrg(api, { label: 'tapped', staff: 1 });
    const [ada] = org.staff;
    const journeyId = await startJourney(api, org);
    const stepId = await takenStep(api, ada, journeyId, 'Share my plan');
    const [yes] = issueLinks(stepwise, clock, { tenantId: org.organisationId, memberId: ada.memberId, journeyId, stepId }).actions;

    const endOutage = await beginOutage(databaseNameOf(stepwise));
    let refused: Awaited<ReturnType<typeof submitComfort>>;
    try {
      refused = await submitComfort(yes.url, 'YES', 2);
    } finally {
      await endOutage();
    }
    expect([refused.status, pageCode(refused)]).toEqual([503, 'DATABASE_UNAVAILABLE']);
    expect(refused.body).not.toContain('nothing was recorded');

    const recorded = await submitComfort(yes.url, 'YES', 2);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toContain('your reflection is recorded');
    expect([(await submitComfort(yes.url, 'YES', 2)).status]).toEqual([409]);
  });

  it('answers a Slack tap 503 DATABASE_UNAVAILABLE with a note Slack can show, and tapped again once the database is back records it once', async () => {
    const org = await buildOrg(api, { label: 'slack-tapped', staff: 1 });
    const [ada] = org.staff;
    await connectSlack(api, ada);
    const journeyId = await startJourney(api, org);
    const stepId = await takenStep(api, ada, journeyId, 'Book the room');
    const { token } = issueLinks(stepwise, clock, { tenantId: org.organisationId, memberId: ada.memberId, journeyId, stepId });
    const tap = () => slackTap(stepwise, clock, { token, closer: 'YES', comfort: 4 });

    const endOutage = await beginOutage(databaseNameOf(stepwise));
    let refused: Awaited<ReturnType<typeof tap>>;
    try {
      refused = await tap();
    } finally {
      await endOutage();
    }
    expect(refused.status).toBe(503);
    expect(refused.json()).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      response_type: 'ephemeral',
      replace_original: false,
      text: expect.stringMatching(/may not have been recorded.*\(DATABASE_UNAVAILABLE\)$/),
    });
    expect(refused.body).not.toMatch(/accepting connections|stack|nothing was recorded/);

    const recorded = await tap();
    expect([recorded.status, recorded.json().replace_original]).toEqual([200, true]);
    expect((await tap()).json().text).toContain('ANSWER_LINK_USED');
  });

  it('answers an unsubscribe 503 DATABASE_UNAVAILABLE, and sent again once the database is back, unsubscribes', async () => {
    const org = await buildOrg(api, { label: 'leaving', staff: 1 });
    const [ada] = org.staff;
    const signer = await openUnsubscribeLinkSigner(stepwise.config.answerLinks);
    const url = unsubscribeUrl(signer, stepwise.url, { tenantId: org.organisationId, memberId: ada.memberId, rule: 'REFLECT' });
    const oneClick = () => http(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });

    const endOutage = await beginOutage(databaseNameOf(stepwise));
    let refused: Awaited<ReturnType<typeof oneClick>>;
    try {
      refused = await oneClick();
    } finally {
      await endOutage();
    }
    expect([refused.status, pageCode(refused)]).toEqual([503, 'DATABASE_UNAVAILABLE']);
    expect((await oneClick()).status).toBe(200);
    expect((await api.query(ada, 'notificationPreferences', { memberId: ada.memberId })).optedOut).toEqual(['REFLECT']);
  });
});
