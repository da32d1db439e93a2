/**
 * One-tap answers end to end, over HTTP against the real api with a fixed clock: a member answers a
 * reflection nudge from its link (direction, then comfort) or from Slack's buttons, without logging
 * in; the reflection is theirs, and the leader sees it. A replayed, forged or expired link, a member
 * who left the team, and a Slack request Slack did not sign are each refused, with nothing written.
 * Slack ignores the body of the reply to a button's tap, so the outcome is also posted to the tap's
 * `response_url`, and only where that is one of Slack's own addresses.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { startTestReceiver, type ReceivedRequest, type TestReceiver } from '@stepwise/integrations/testing';
import { FixedClock } from '@stepwise/kernel';
import { AnswerLinkSigner, slackSignature } from '@stepwise/nudges-infrastructure';
import { http, startStepwise, type HttpResponse, type Stepwise } from '../support/stepwise-harness';
import { addPerson, buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { connectSlack, issueLinks, LINK_KEY, oneTapEnv, slackUserIdOf, openPage, pageCode, SLACK_SECRET, slackTap, submitComfort, tampered, written } from './support/one-tap';
import { stepwiseApi, type JourneyView, type Person, type StepwiseApi } from './support/stepwise-api';

const HOUR = 3_600_000;

describe.each(['postgres', 'pglite'] as const)('one-tap answers on %s', (engine) => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;
  let ada: Person;
  let bo: Person;
  let cy: Person;
  /** What the api logged (warnings and worse), each line as written. */
  const logged: string[] = [];

  const linksFor = async (person: Person, stepTitle: string) => {
    const stepId = await takenStep(api, person, journeyId, stepTitle);
    return { stepId, links: issueLinks(stepwise, clock, { tenantId: org.organisationId, memberId: person.memberId, journeyId, stepId }) };
  };
  const store = () => written(stepwise, org.organisationId, journeyId);
  const leaderSees = () => api.query(org.leader, 'journey', { id: journeyId }) as Promise<JourneyView>;
  /** Slack's reply does not wait for the read models: wait, bounded, for the leader's view to show it. */
  const leaderSeesReflectionOf = async (memberId: string): Promise<JourneyView> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const journey = await leaderSees();
      if (journey.lastReflection?.memberId === memberId || Date.now() > deadline) return journey;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    const logDestination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString('utf8'));
        done();
      },
    });
    stepwise = await startStepwise({ engine, clock, env: { ...oneTapEnv, STEPWISE_LOG_LEVEL: 'warn' }, logDestination });
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'onetap', staff: 3 });
    [ada, bo, cy] = org.staff;
    journeyId = await startJourney(api, org, { title: 'Plans shared on Monday' });
    await Promise.all([ada, bo, cy].map((person) => connectSlack(api, person)));
  }, 60_000);

  afterAll(() => stepwise?.close());

  it('records the reflection as the member from two taps, direction then comfort, and the leader sees it', async () => {
    const { stepId, links } = await linksFor(ada, 'Share my plan in the channel');
    const before = await store();

    const question = await openPage(links.pageUrl);
    expect(question.status).toBe(200);
    expect(question.headers['content-type']).toMatch(/^text\/html/);
    expect(question.headers['referrer-policy']).toBe('no-referrer');
    expect(question.body).toContain('Are we closer to where we want to be?');
    for (const closer of ['YES', 'NO', 'UNSURE']) expect(question.body).toContain(`?closer=${closer}"`);
    expect(question.body).not.toMatch(/<script/i);

    const [yes] = links.actions;
    const comfort = await openPage(yes.url);
    expect(comfort.status).toBe(200);
    expect(comfort.body).toContain('<form method="post">');
    expect(comfort.body.match(/<button type="submit" name="comfort" value="[1-5]">/g)).toHaveLength(5);
    // Opening the links (as a mail scanner would) wrote nothing.
    expect(await store()).toEqual(before);

    const recorded = await submitComfort(yes.url, 'YES', 2);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toContain('your reflection is recorded');
    expect(await store()).toEqual({ events: before.events + 1, uses: before.uses + 1 });

    const journey = await leaderSees();
    expect(journey.lastReflection).toMatchObject({ memberId: ada.memberId, closer: 'YES', comfort: 2, note: null, stepId });
    const timeline = await api.query(org.leader, 'journeyTimeline', { journeyId, first: 50 });
    const last = timeline.edges.at(-1)!.node;
    expect(last).toMatchObject({ eventType: 'ReflectionRecorded', actorId: ada.memberId, at: clock.now().toISOString() });
    const { rows } = await stepwise.runtime.database.query<{ actor: string; command: string }>(
      `SELECT metadata->>'actorId' AS actor, metadata->>'commandId' AS command FROM es_events
       WHERE tenant_id = $1 AND event_type = 'ReflectionRecorded' ORDER BY global_position DESC LIMIT 1`,
      [org.organisationId],
    );
    expect(rows[0]).toEqual({ actor: ada.memberId, command: expect.stringMatching(/^answer-link:/) });
  });

  it('leads from the question to the comfort form and records, when the link was opened with a slash added to its end', async () => {
    const { links } = await linksFor(ada, 'Share the plan with the pilot team');
    const opened = `${links.pageUrl}/`;
    const question = await openPage(opened);
    expect(question.status).toBe(200);
    // Each answer as a browser follows it from the page it was opened at.
    const answers = [...question.body.matchAll(/<a class="choice" href="([^"]+)">/g)].map(([, href]) => new URL(href.replace(/&amp;/g, '&'), opened).toString());
    expect(answers).toHaveLength(3);
    for (const answer of answers) {
      const comfort = await openPage(answer);
      expect({ answer, status: comfort.status, code: pageCode(comfort) }).toEqual({ answer, status: 200, code: undefined });
      expect(comfort.body).toContain('<form method="post">');
    }
    expect((await submitComfort(answers[1], 'NO', 4)).status).toBe(200);
    expect((await leaderSees()).lastReflection).toMatchObject({ memberId: ada.memberId, closer: 'NO', comfort: 4 });
  });

  it('refuses a used link, whatever it answers and however it arrives: ANSWER_LINK_USED, nothing written', async () => {
    const { links } = await linksFor(ada, 'Pair on Monday');
    const [, no] = links.actions;
    expect((await submitComfort(no.url, 'NO', 3)).status).toBe(200);
    const after = await store();

    const again = await submitComfort(no.url, 'NO', 3);
    expect([again.status, pageCode(again)]).toEqual([409, 'ANSWER_LINK_USED']);
    const changed = await submitComfort(no.url, 'YES', 5);
    expect([changed.status, pageCode(changed)]).toEqual([409, 'ANSWER_LINK_USED']);
    const reopened = await openPage(links.pageUrl);
    expect([reopened.status, pageCode(reopened)]).toEqual([409, 'ANSWER_LINK_USED']);
    // Whoever holds the link (a forwarded email, a mail scanner) reads that it was answered, never the answer.
    for (const page of [again, changed, reopened]) expect(page.body).not.toMatch(/not closer|comfort \d of 5|answer that stands/i);
    const fromSlack = await slackTap(stepwise, clock, { token: links.token, closer: 'YES', comfort: 5 });
    expect(fromSlack.status).toBe(200);
    expect(fromSlack.json()).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining('ANSWER_LINK_USED') });
    expect(fromSlack.json().text).toBe('This nudge was already answered. The answer that stands: No, not closer, comfort 3 of 5. (ANSWER_LINK_USED)');

    expect(await store()).toEqual(after);
    expect((await leaderSees()).lastReflection).toMatchObject({ memberId: ada.memberId, closer: 'NO', comfort: 3 });
  });

  it('appends once when the comfort form is sent twice at the same moment', async () => {
    const { links } = await linksFor(ada, 'Post the plan by 10am');
    const before = await store();
    const [yes] = links.actions;
    const statuses = (await Promise.all([submitComfort(yes.url, 'YES', 4), submitComfort(yes.url, 'YES', 4)])).map((response) => response.status);
    expect(statuses.sort()).toEqual([200, 409]);
    expect(await store()).toEqual({ events: before.events + 1, uses: before.uses + 1 });
  });

  it('records one of ten taps at the same instant, by link and by Slack, answering differently: the others are ANSWER_LINK_USED', async () => {
    const { links } = await linksFor(ada, 'Share the plan in the stand-up');
    const before = await store();
    const taps = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        index % 2 === 0
          ? submitComfort(links.actions[index % 3].url, ['YES', 'NO', 'UNSURE'][index % 3], (index % 5) + 1).then((response) => ({
              recorded: response.status === 200,
              code: response.status === 200 ? 'RECORDED' : `${response.status} ${pageCode(response)}`,
            }))
          : slackTap(stepwise, clock, { token: links.token, closer: 'NO', comfort: (index % 5) + 1 }).then((response) => {
              const reply = response.json() as { text: string; replace_original: boolean };
              const recorded = response.status === 200 && reply.replace_original;
              return { recorded, code: recorded ? 'RECORDED' : `${response.status} ${/\((ANSWER_LINK_[A-Z_]+|[A-Z_]+)[^)]*\)$/.exec(reply.text)?.[1]}` };
            }),
      ),
    );
    expect(taps.filter((tap) => tap.recorded)).toHaveLength(1);
    expect(new Set(taps.filter((tap) => !tap.recorded).map((tap) => tap.code.replace(/^200 /, '409 ')))).toEqual(new Set(['409 ANSWER_LINK_USED']));
    expect(await store()).toEqual({ events: before.events + 1, uses: before.uses + 1 });
  });

  it('refuses a link whose reflection is in the journey but whose use was never recorded (a crash between the two), and records the use then', async () => {
    const { links } = await linksFor(ada, 'Write down what we learned');
    expect((await submitComfort(links.actions[0].url, 'YES', 4)).status).toBe(200);
    const { nonce } = new AnswerLinkSigner(LINK_KEY).verify(links.token);
    await stepwise.runtime.database.query('DELETE FROM nudges.answer_link_uses WHERE tenant_id = $1 AND nonce = $2', [org.organisationId, nonce]);
    const after = await store();

    const reopened = await openPage(links.pageUrl);
    expect([reopened.status, pageCode(reopened)]).toEqual([409, 'ANSWER_LINK_USED']);
    const otherAnswer = await submitComfort(links.actions[1].url, 'NO', 1);
    expect([otherAnswer.status, pageCode(otherAnswer)]).toEqual([409, 'ANSWER_LINK_USED']);
    expect(await store()).toEqual(after);

    const sameAnswer = await submitComfort(links.actions[0].url, 'YES', 4);
    expect([sameAnswer.status, pageCode(sameAnswer)]).toEqual([409, 'ANSWER_LINK_USED']);
    expect(sameAnswer.body).toContain('The answer can be read in Stepwise.');
    expect(sameAnswer.body).not.toContain('comfort 4 of 5');
    expect(await store()).toEqual({ events: after.events, uses: after.uses + 1 });
  });

  it('refuses a link about a step its member has since reflected on in Stepwise itself: 409 ANSWER_LINK_USED, nothing written', async () => {
    const { stepId, links } = await linksFor(ada, 'Book the planning room');
    await api.mutate(ada, 'recordReflection', { journeyId, stepId, closer: 'YES', comfort: 3 });
    const before = await store();
    const page = await openPage(links.pageUrl);
    expect([page.status, pageCode(page)]).toEqual([409, 'ANSWER_LINK_USED']);
    const post = await submitComfort(links.actions[1].url, 'NO', 2);
    expect([post.status, pageCode(post)]).toEqual([409, 'ANSWER_LINK_USED']);
    // The page, read by whoever holds the link, does not show it; the member, tapping in Slack, reads
    // the answer that stands: the one given in Stepwise, as for a link used itself.
    for (const refused of [page, post]) expect(refused.body).not.toMatch(/closer, comfort|comfort \d of 5|answer that stands/i);
    const fromSlack = await slackTap(stepwise, clock, { token: links.token, closer: 'NO', comfort: 2 });
    expect(fromSlack.json().text).toBe('This nudge was already answered. The answer that stands: Yes, closer, comfort 3 of 5. (ANSWER_LINK_USED)');
    expect(await store()).toEqual(before);

    // Someone else's reflection on the step is theirs: the member's own link still answers.
    const other = await linksFor(bo, 'Ask for the room key');
    await api.mutate(org.leader, 'recordReflection', { journeyId, stepId: other.stepId, closer: 'UNSURE', comfort: 3 });
    expect((await submitComfort(other.links.actions[0].url, 'YES', 5)).status).toBe(200);
  });

  it.each([
    ['claims changed (another member, another journey…)', (token: string) => tampered(token, 'claims')],
    ['signature changed', (token: string) => tampered(token, 'signature')],
    ['signed with another key', () => issueLinks(stepwise, clock, { tenantId: org.organisationId, memberId: ada.memberId, journeyId, stepId: null }, randomBytes(32)).token],
  ])('refuses a forged link (%s): 400 ANSWER_LINK_INVALID, nothing written', async (_forgery, forge) => {
    const { links } = await linksFor(ada, `Something to forge ${_forgery}`);
    const token = forge(links.token);
    const before = await store();
    const page = await openPage(`${stepwise.url}/answers/${token}?closer=YES`);
    expect([page.status, pageCode(page)]).toEqual([400, 'ANSWER_LINK_INVALID (BAD_SIGNATURE)']);
    const post = await submitComfort(`${stepwise.url}/answers/${token}?closer=YES`, 'YES', 3);
    expect([post.status, pageCode(post)]).toEqual([400, 'ANSWER_LINK_INVALID (BAD_SIGNATURE)']);
    const garbage = await openPage(`${stepwise.url}/answers/not-a-link`);
    expect([garbage.status, pageCode(garbage)]).toEqual([400, 'ANSWER_LINK_INVALID (MALFORMED)']);
    expect(await store()).toEqual(before);
    // The real link was not used up by the attempts.
    expect((await openPage(links.pageUrl)).status).toBe(200);
  });

  it('refuses an answer it cannot read (400 VALIDATION_FAILED) and leaves the link usable', async () => {
    const { links } = await linksFor(ada, 'Ask the team what helped');
    const before = await store();
    const unreadable = [
      ['YES', 9, 'VALIDATION_FAILED (OUT_OF_RANGE)'],
      ['YES', '', 'VALIDATION_FAILED (OUT_OF_RANGE)'],
      ['MAYBE', 3, 'VALIDATION_FAILED (NOT_ALLOWED)'],
    ] as const;
    for (const [closer, comfort, code] of unreadable) {
      const refused = await submitComfort(links.pageUrl, closer, comfort);
      expect([refused.status, pageCode(refused)]).toEqual([400, code]);
    }
    const unknownDirection = await openPage(`${links.pageUrl}?closer=SIDEWAYS`);
    expect([unknownDirection.status, pageCode(unknownDirection)]).toEqual([400, 'VALIDATION_FAILED (NOT_ALLOWED)']);
    expect(await store()).toEqual(before);
    expect((await submitComfort(links.pageUrl, 'UNSURE', 3)).status).toBe(200);
  });

  it('refuses a link about a revised vision once its member has reflected against that vision in Stepwise itself: 409 ANSWER_LINK_USED', async () => {
    const moving = await startJourney(api, org, { title: 'A vision that moves' });
    await api.mutate(org.leader, 'reviseVision', { journeyId: moving, statement: 'Every team plans together', expectations: [], successSignals: [], reason: 'Wider' });
    const subject = { tenantId: org.organisationId, journeyId: moving, stepId: null };
    const adas = issueLinks(stepwise, clock, { ...subject, memberId: ada.memberId });
    const cys = issueLinks(stepwise, clock, { ...subject, memberId: cy.memberId });
    await api.mutate(ada, 'recordReflection', { journeyId: moving, closer: 'YES', comfort: 4 });
    const before = await written(stepwise, org.organisationId, moving);
    const page = await openPage(adas.pageUrl);
    expect([page.status, pageCode(page)]).toEqual([409, 'ANSWER_LINK_USED']);
    const post = await submitComfort(adas.actions[2].url, 'UNSURE', 2);
    expect([post.status, pageCode(post)]).toEqual([409, 'ANSWER_LINK_USED']);
    for (const refused of [page, post]) expect(refused.body).not.toMatch(/closer, comfort|comfort \d of 5|answer that stands/i);
    expect(await written(stepwise, org.organisationId, moving)).toEqual(before);
    // Someone who has not reflected against it still answers.
    expect((await submitComfort(cys.actions[0].url, 'YES', 3)).status).toBe(200);
  });

  it('refuses a link to someone removed and added again about what they answered under their old member id: 409 ANSWER_LINK_USED, nothing written', async () => {
    const moving = await startJourney(api, org, { title: 'A vision answered before leaving' });
    await api.mutate(org.leader, 'reviseVision', { journeyId: moving, statement: 'Every team plans in the room', expectations: [], successSignals: [], reason: 'Closer' });
    const dee = await addPerson(api, org.admin, `${org.leader.subject}-dee-${engine}`, 'Dee');
    await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: dee.memberId, role: 'STAFF' });
    const stepId = await takenStep(api, dee, moving, 'Read the new vision aloud');
    await api.mutate(dee, 'recordReflection', { journeyId: moving, closer: 'YES', comfort: 4 });
    await api.mutate(dee, 'recordReflection', { journeyId: moving, stepId, closer: 'NO', comfort: 2 });
    await api.mutate(org.admin, 'removeMember', { memberId: dee.memberId });
    const deeAgain = await addPerson(api, org.admin, dee.subject, 'Dee');
    await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: deeAgain.memberId, role: 'STAFF' });
    await connectSlack(api, deeAgain);
    const subject = { tenantId: org.organisationId, journeyId: moving, memberId: deeAgain.memberId };
    const before = await written(stepwise, org.organisationId, moving);

    for (const links of [issueLinks(stepwise, clock, { ...subject, stepId: null }), issueLinks(stepwise, clock, { ...subject, stepId })]) {
      const page = await openPage(links.pageUrl);
      expect([page.status, pageCode(page)]).toEqual([409, 'ANSWER_LINK_USED']);
      const post = await submitComfort(links.actions[0].url, 'YES', 3);
      expect([post.status, pageCode(post)]).toEqual([409, 'ANSWER_LINK_USED']);
      const fromSlack = await slackTap(stepwise, clock, { token: links.token, closer: 'YES', comfort: 3 });
      expect(fromSlack.json().text).toContain('ANSWER_LINK_USED');
    }
    expect(await written(stepwise, org.organisationId, moving)).toEqual(before);
  });

  it('records one answer when several links about the same revised vision are tapped at once: the rest are ANSWER_LINK_USED', async () => {
    const moving = await startJourney(api, org, { title: 'A vision revised twice' });
    await api.mutate(org.leader, 'reviseVision', { journeyId: moving, statement: 'Every team plans in the open', expectations: [], successSignals: [], reason: 'Wider' });
    // Two nudges about the journey as a whole (the vision revised twice, a reminder): links with nonces of their own.
    const subject = { tenantId: org.organisationId, journeyId: moving, stepId: null, memberId: bo.memberId };
    const sets = Array.from({ length: 8 }, () => issueLinks(stepwise, clock, subject));
    const before = await written(stepwise, org.organisationId, moving);
    const taps = await Promise.all(sets.map((links, index) => submitComfort(links.actions[index % 3].url, ['YES', 'NO', 'UNSURE'][index % 3], (index % 5) + 1)));
    expect(taps.map((tap) => tap.status).filter((status) => status === 200)).toEqual([200]);
    expect(new Set(taps.filter((tap) => tap.status !== 200).map((tap) => `${tap.status} ${pageCode(tap)}`))).toEqual(new Set(['409 ANSWER_LINK_USED']));
    expect(await written(stepwise, org.organisationId, moving)).toEqual({ events: before.events + 1, uses: before.uses + 1 });
    // As one after the other: a later link about that vision is used up too.
    const later = await submitComfort(issueLinks(stepwise, clock, subject).actions[0].url, 'YES', 3);
    expect([later.status, pageCode(later)]).toEqual([409, 'ANSWER_LINK_USED']);
  });

  it('refuses a body too large or unreadable, and any method but GET, HEAD and POST, with a page carrying its code: nothing written', async () => {
    const { links } = await linksFor(ada, 'Ask the pilot team for feedback');
    const before = await store();
    const expectPage = (response: HttpResponse, status: number, code: string) => {
      expect([response.status, pageCode(response)]).toEqual([status, code]);
      expect(response.headers).toMatchObject({ 'content-type': expect.stringMatching(/^text\/html/), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
      expect(response.body).not.toContain(links.token);
    };
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expectPage(await http(links.pageUrl, { method: 'POST', headers: form, body: `closer=YES&comfort=3&padding=${'x'.repeat(300_000)}` }), 413, 'PAYLOAD_TOO_LARGE');
    expectPage(await http(links.pageUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"closer":' }), 400, 'BAD_REQUEST');
    // A charset other than UTF-8 (body-parser's own answer would be 415) is a body that cannot be read, 400.
    expectPage(await http(links.pageUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-7' }, body: 'closer=YES&comfort=2' }), 400, 'BAD_REQUEST');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const refused = await http(links.pageUrl, { method, headers: { ...form, 'content-length': '20' }, body: 'closer=YES&comfort=3' });
      expectPage(refused, 405, 'METHOD_NOT_ALLOWED');
      expect(refused.headers.allow).toBe('GET, HEAD, POST');
    }
    const options = await http(links.pageUrl, { method: 'OPTIONS' });
    expect([options.status, options.headers.allow, options.body]).toEqual([204, 'GET, HEAD, POST', '']);
    expectPage(await openPage(`${stepwise.url}/answers/`), 400, 'ANSWER_LINK_INVALID (MALFORMED)');
    expectPage(await openPage(`${links.pageUrl}/more/path?closer=YES`), 400, 'ANSWER_LINK_INVALID (MALFORMED)');
    expectPage(await submitComfort(`${links.pageUrl}/more`, 'YES', 3), 400, 'ANSWER_LINK_INVALID (MALFORMED)');
    // A path that cannot be percent-decoded: the router refused it in JSON, echoing the token.
    expectPage(await openPage(`${links.pageUrl}%ZZ`), 400, 'ANSWER_LINK_INVALID (MALFORMED)');
    expectPage(await submitComfort(`${links.pageUrl}%E0%A4%A`, 'YES', 3), 400, 'ANSWER_LINK_INVALID (MALFORMED)');
    const head = await http(links.actions[0].url, { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, '']);
    expect(await store()).toEqual(before);
    expect((await submitComfort(links.actions[0].url, 'YES', 3)).status).toBe(200);
  });

  it('refuses a path no route takes (a doubled or escaped slash) without repeating the link in its answer', async () => {
    const { links } = await linksFor(ada, 'Ask the leads how the plan landed');
    const before = await store();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    for (const path of [`//answers/${links.token}`, `/answers//${links.token}?closer=YES`, `/answers%2F${links.token}`]) {
      for (const refused of [await openPage(`${stepwise.url}${path}`), await http(`${stepwise.url}${path}`, { method: 'POST', headers: form, body: 'closer=YES&comfort=3' })]) {
        expect({ path, status: refused.status, code: refused.json().code, echoed: refused.body.includes(links.token) }).toEqual({ path, status: 404, code: 'NOT_FOUND', echoed: false });
      }
    }
    expect(await store()).toEqual(before);
    expect((await submitComfort(links.actions[0].url, 'YES', 3)).status).toBe(200);
  });

  it('honours a link until its expiry and refuses it from then on: 410 ANSWER_LINK_EXPIRED, nothing written', async () => {
    const early = await linksFor(ada, 'Plan with the pilot team');
    const late = await linksFor(ada, 'Plan with the leads');
    clock.advance(72 * HOUR - 1000);
    expect((await submitComfort(early.links.actions[0].url, 'YES', 3)).status).toBe(200);
    clock.advance(1000);
    const before = await store();
    const page = await openPage(late.links.actions[0].url);
    expect([page.status, pageCode(page)]).toEqual([410, 'ANSWER_LINK_EXPIRED']);
    const post = await submitComfort(late.links.actions[0].url, 'YES', 3);
    expect([post.status, pageCode(post)]).toEqual([410, 'ANSWER_LINK_EXPIRED']);
    expect(await store()).toEqual(before);
  });

  /** The page and the form both refuse a link whose member is off the team: 403 ANSWER_LINK_MEMBER_NOT_ON_TEAM. */
  const expectOffTeamRefusal = async (links: { pageUrl: string; actions: readonly { url: string }[] }): Promise<void> => {
    const page = await openPage(links.pageUrl);
    expect([page.status, pageCode(page)]).toEqual([403, 'ANSWER_LINK_MEMBER_NOT_ON_TEAM']);
    const post = await submitComfort(links.actions[1].url, 'NO', 1);
    expect([post.status, pageCode(post)]).toEqual([403, 'ANSWER_LINK_MEMBER_NOT_ON_TEAM']);
  };

  it('refuses a member who has left the team since the nudge: 403, nothing written', async () => {
    const { links } = await linksFor(bo, 'Try the template');
    await api.mutate(org.admin, 'removeTeamMember', { teamId: org.teamId, memberId: bo.memberId });
    const before = await store();
    await expectOffTeamRefusal(links);
    const fromSlack = await slackTap(stepwise, clock, { token: links.token, closer: 'NO', comfort: 1 });
    expect(fromSlack.json().text).toContain('ANSWER_LINK_MEMBER_NOT_ON_TEAM');
    expect(await store()).toEqual(before);
  });

  it('refuses a member who has left the organisation since the nudge: 403, nothing written', async () => {
    const cy = await addPerson(api, org.admin, `${org.leader.subject}-cy-${engine}`, 'Cy');
    await api.mutate(org.admin, 'addTeamMember', { teamId: org.teamId, memberId: cy.memberId, role: 'STAFF' });
    const { links } = await linksFor(cy, 'Try the checklist');
    await api.mutate(org.admin, 'removeMember', { memberId: cy.memberId });
    const before = await store();
    await expectOffTeamRefusal(links);
    expect(await store()).toEqual(before);
  });

  it('refuses once the journey is completed, up front on the page too: 409 JOURNEY_CLOSED, nothing written', async () => {
    const closing = await startJourney(api, org, { title: 'A journey that ends' });
    const stepId = await takenStep(api, ada, closing, 'The last step');
    const links = issueLinks(stepwise, clock, { tenantId: org.organisationId, memberId: ada.memberId, journeyId: closing, stepId });
    await api.mutate(org.leader, 'completeJourney', { journeyId: closing, summary: 'Done' });
    const before = await written(stepwise, org.organisationId, closing);
    const page = await openPage(links.pageUrl);
    expect([page.status, pageCode(page)]).toEqual([409, 'JOURNEY_CLOSED']);
    const post = await submitComfort(links.actions[2].url, 'UNSURE', 3);
    expect([post.status, pageCode(post)]).toEqual([409, 'JOURNEY_CLOSED']);
    expect(await written(stepwise, org.organisationId, closing)).toEqual(before);
  });

  describe("Slack's buttons", () => {
    it('refuse a request Slack did not sign, or signed more than five minutes from now: 401, nothing written', async () => {
      const { links } = await linksFor(cy, 'Run the retro');
      const before = await store();
      const refusals = [
        await slackTap(stepwise, clock, { token: links.token, closer: 'YES', comfort: 3, secret: 'not-the-secret' }),
        await slackTap(stepwise, clock, { token: links.token, closer: 'YES', comfort: 3, skewSeconds: -301 }),
        await slackTap(stepwise, clock, { token: links.token, closer: 'YES', comfort: 3, skewSeconds: 301 }),
      ];
      expect(refusals.map((response) => [response.status, response.json().statusCode, response.json().code, response.json().details.reason])).toEqual([
        [401, 401, 'SLACK_SIGNATURE_INVALID', 'BAD_SIGNATURE'],
        [401, 401, 'SLACK_SIGNATURE_INVALID', 'STALE_TIMESTAMP'],
        [401, 401, 'SLACK_SIGNATURE_INVALID', 'STALE_TIMESTAMP'],
      ]);
      expect(await store()).toEqual(before);
    });

    it('refuse a body too large, and any method but POST, with a coded answer', async () => {
      const url = `${stepwise.url}/integrations/slack/interactions`;
      const body = `payload=${'x'.repeat(100_000)}`;
      const timestamp = String(Math.floor(clock.now().getTime() / 1000));
      const tooLarge = await http(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': slackSignature(SLACK_SECRET, timestamp, Buffer.from(body)) },
        body,
      });
      // As every route but /graphql refuses: { statusCode, code, message }.
      expect([tooLarge.status, tooLarge.json()]).toEqual([413, { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) }]);
      const got = await http(url);
      expect([got.status, got.json(), got.headers.allow]).toEqual([405, { statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: expect.any(String) }, 'POST']);
    });

    it('refuse a forged or used link before asking for comfort', async () => {
      const { links } = await linksFor(ada, 'Share the retro dates');
      const forged = await slackTap(stepwise, clock, { token: tampered(links.token, 'signature'), closer: 'YES' });
      expect(forged.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('ANSWER_LINK_INVALID (BAD_SIGNATURE)') });
      expect((await submitComfort(links.actions[0].url, 'YES', 3)).status).toBe(200);
      const used = await slackTap(stepwise, clock, { token: links.token, closer: 'NO' });
      expect(used.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('ANSWER_LINK_USED') });
    });

    it('ask for comfort first when none was chosen, and write nothing', async () => {
      const { links } = await linksFor(cy, 'Share the retro notes');
      const before = await store();
      const tap = await slackTap(stepwise, clock, { token: links.token, closer: 'YES' });
      expect(tap.status).toBe(200);
      expect(tap.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('how comfortable') });
      expect(await store()).toEqual(before);
    });

    it('refuse a tap by a Slack user other than the link’s member, before anything is read or written: ANSWER_LINK_NOT_FOR_YOU', async () => {
      const { links } = await linksFor(ada, 'Plan the demo');
      const before = await store();
      // Cy, in the same Slack, taps a button carrying Ada's link (a message forwarded, a value copied).
      const asCy = await slackTap(stepwise, clock, { token: links.token, closer: 'NO', comfort: 1, userId: slackUserIdOf(cy.memberId) });
      expect(asCy.status).toBe(200);
      expect(asCy.json()).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining('ANSWER_LINK_NOT_FOR_YOU') });
      const asking = await slackTap(stepwise, clock, { token: links.token, closer: 'NO', userId: 'U0SOMEONE' });
      expect(asking.json().text).toContain('ANSWER_LINK_NOT_FOR_YOU');
      expect(await store()).toEqual(before);

      // Ada's own tap records; Cy tapping after it learns nothing of her answer.
      expect((await slackTap(stepwise, clock, { token: links.token, closer: 'YES', comfort: 2 })).json()).toMatchObject({ replace_original: true });
      const after = await slackTap(stepwise, clock, { token: links.token, closer: 'NO', comfort: 1, userId: slackUserIdOf(cy.memberId) });
      expect(after.json().text).toContain('ANSWER_LINK_NOT_FOR_YOU');
      expect(after.json().text).not.toContain('comfort 2');
    });

    it('record a tap signed by Slack as the link’s member, and replace the message with the outcome', async () => {
      const { stepId, links } = await linksFor(cy, 'Invite the pilot team');
      const before = await store();
      const tap = await slackTap(stepwise, clock, { token: links.token, closer: 'NO', comfort: 4, skewSeconds: -290 });
      expect(tap.status).toBe(200);
      expect(tap.json()).toEqual({ replace_original: true, text: expect.stringContaining('recorded') });
      expect(await store()).toEqual({ events: before.events + 1, uses: before.uses + 1 });
      expect((await leaderSeesReflectionOf(cy.memberId)).lastReflection).toMatchObject({ memberId: cy.memberId, closer: 'NO', comfort: 4, stepId });
    });

    it('never post to a response_url off Slack’s hosts (here, where plain http is not allowed), and still record the answer', async () => {
      const receiver = await startTestReceiver(() => ({ status: 200, body: 'ok' }));
      try {
        const secretPath = `/services/T0/B0/${randomUUID()}`;
        for (const [title, responseUrl] of [
          ['Share the demo notes', `https://evil.example.com${secretPath}`],
          ['Share the demo recording', `${receiver.url}${secretPath}`],
        ]) {
          const { links } = await linksFor(cy, title);
          const before = await store();
          const from = logged.length;
          const tap = await slackTap(stepwise, clock, { token: links.token, closer: 'YES', comfort: 3, responseUrl });
          expect(tap.status).toBe(200);
          expect(await store()).toEqual({ events: before.events + 1, uses: before.uses + 1 });
          const line = await loggedAfter(from, 'NOT_A_SLACK_HOST');
          expect(JSON.parse(line)).toMatchObject({ reason: 'NOT_A_SLACK_HOST', msg: expect.stringContaining('response_url') });
          expect(line).not.toContain(secretPath);
          expect(line).not.toContain(links.token);
        }
        expect(receiver.requests).toEqual([]);
      } finally {
        await receiver.close();
      }
    });
  });

  /** The first line logged after `from` that mentions `text`, waited for (bounded). */
  const loggedAfter = async (from: number, text: string): Promise<string> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const line = logged.slice(from).find((entry) => entry.includes(text));
      if (line !== undefined) return line;
      if (Date.now() > deadline) throw new Error(`nothing logged mentioning ${text}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  describe("Slack's buttons, where the deployment may reach a local receiver (STEPWISE_WEBHOOKS_ALLOW_HTTP)", () => {
    let local: Stepwise;
    let localApi: StepwiseApi;
    let localOrg: OrgFixture;
    let localJourneyId: string;
    let dee: Person;
    let receiver: TestReceiver;

    const localLinksFor = async (stepTitle: string) => {
      const stepId = await takenStep(localApi, dee, localJourneyId, stepTitle);
      return issueLinks(local, clock, { tenantId: localOrg.organisationId, memberId: dee.memberId, journeyId: localJourneyId, stepId });
    };
    /** The request the receiver got at `path`, waited for (bounded): it is posted after Slack has its 200. */
    const postedTo = async (path: string): Promise<ReceivedRequest> => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = receiver.requests.find((request) => request.path === path);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`nothing was posted to ${path}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };

    beforeAll(async () => {
      receiver = await startTestReceiver((request) => (request.path.startsWith('/hang') ? 'hang' : { status: 200, body: 'ok' }));
      local = await startStepwise({ engine, clock, env: { ...oneTapEnv, STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true' } });
      localApi = stepwiseApi(local);
      localOrg = await buildOrg(localApi, { label: 'onetapurl', staff: 1 });
      [dee] = localOrg.staff;
      localJourneyId = await startJourney(localApi, localOrg, { title: 'Plans shared on Tuesday' });
      await connectSlack(localApi, dee);
    }, 60_000);

    afterAll(async () => {
      await receiver?.close();
      await local?.close();
    });

    it('post the recorded outcome to the tap’s response_url, replacing the message', async () => {
      const links = await localLinksFor('Share the plan with the board');
      const path = `/recorded/${randomUUID()}`;
      const tap = await slackTap(local, clock, { token: links.token, closer: 'NO', comfort: 4, responseUrl: `${receiver.url}${path}` });
      expect(tap.status).toBe(200);
      expect(tap.json()).toEqual({ replace_original: true, text: expect.stringContaining('recorded') });

      const posted = await postedTo(path);
      expect(posted.method).toBe('POST');
      expect(posted.headers['content-type']).toMatch(/^application\/json/);
      // The replaced message stays in the bot's direct messages, readable with the bot's token: no comfort in it.
      expect(JSON.parse(posted.body)).toEqual({ replace_original: true, text: expect.stringMatching(/recorded\. Closer: No, not closer\./) });
      expect(JSON.parse(posted.body).text).not.toMatch(/4/);
      expect(JSON.parse(posted.body).text).toBe(tap.json().text);
    });

    it('post a refused tap (the link already used) to the tap’s response_url as a note only the tapper sees', async () => {
      const links = await localLinksFor('Share the plan with the pilot');
      expect((await slackTap(local, clock, { token: links.token, closer: 'YES', comfort: 2 })).json()).toMatchObject({ replace_original: true });
      const path = `/replayed/${randomUUID()}`;
      const again = await slackTap(local, clock, { token: links.token, closer: 'NO', comfort: 5, responseUrl: `${receiver.url}${path}` });
      expect(again.status).toBe(200);

      const posted = await postedTo(path);
      expect(JSON.parse(posted.body)).toEqual({ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining('ANSWER_LINK_USED') });
    });

    it('answer Slack without waiting for the response_url to answer', async () => {
      const links = await localLinksFor('Share the plan with the sponsors');
      const path = `/hang/${randomUUID()}`;
      const started = Date.now();
      const tap = await slackTap(local, clock, { token: links.token, closer: 'UNSURE', comfort: 3, responseUrl: `${receiver.url}${path}` });
      expect(tap.status).toBe(200);
      // Within Slack's three seconds, although the post (which waits up to five) is still unanswered.
      expect(Date.now() - started).toBeLessThan(3_000);
      // The receiver never answers, yet the tap was answered, and the post did go out.
      expect(JSON.parse((await postedTo(path)).body)).toMatchObject({ replace_original: true, text: expect.stringContaining('recorded') });
    });
  });
});
