/**
 * The response_url sender against a real local receiver: what it posts, and that a receiver that
 * refuses or never answers is logged with its reason, never with the URL's path (a credential).
 */
import { receiversClosedAfterEach } from '@stepwise/integrations/testing';
import { SlackResponseUrlSender } from './slack-response-url.sender';

const startReceiver = receiversClosedAfterEach();

const recordingLogger = () => {
  const lines: { level: string; fields: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    info: (fields: Record<string, unknown>, msg: string) => lines.push({ level: 'info', fields, msg }),
    warn: (fields: Record<string, unknown>, msg: string) => lines.push({ level: 'warn', fields, msg }),
  };
};

describe('SlackResponseUrlSender', () => {
  const SECRET_PATH = '/actions/T0/123/secret-part';

  it('posts the message as JSON', async () => {
    const receiver = await startReceiver(() => ({ status: 200, body: 'ok' }));
    const logger = recordingLogger();
    const sender = new SlackResponseUrlSender({ allowPrivateAddresses: true, logger });
    const outcome = await sender.send(`${receiver.url}${SECRET_PATH}`, { replace_original: true, text: 'Thank you' });
    expect(outcome).toEqual({ kind: 'POSTED', status: 200 });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({ method: 'POST', path: SECRET_PATH, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(receiver.requests[0].body)).toEqual({ replace_original: true, text: 'Thank you' });
    expect(logger.lines).toEqual([]);
  });

  it('logs a refusal by the receiver, a timeout, and a refused address, with their reasons and without the path', async () => {
    const receiver = await startReceiver((request) => (request.path.startsWith('/hang') ? 'hang' : { status: 404, body: 'expired_url' }));
    const logger = recordingLogger();
    // The refusal is given the default time (200 ms ran out once on a busy machine); the hang, 200 ms.
    const sender = new SlackResponseUrlSender({ allowPrivateAddresses: true, logger });
    const impatient = new SlackResponseUrlSender({ allowPrivateAddresses: true, logger, timeoutMs: 200 });
    const message = { response_type: 'ephemeral', replace_original: false, text: 'Already answered' } as const;
    expect(await sender.send(`${receiver.url}${SECRET_PATH}`, message)).toEqual({ kind: 'NOT_POSTED', reason: 'REJECTED', status: 404 });
    expect(await impatient.send(`${receiver.url}/hang${SECRET_PATH}`, message)).toEqual({ kind: 'NOT_POSTED', reason: 'TIMEOUT' });
    const slackOnly = new SlackResponseUrlSender({ allowPrivateAddresses: false, logger });
    expect(await slackOnly.send(`${receiver.url}${SECRET_PATH}`, message)).toEqual({ kind: 'NOT_POSTED', reason: 'NOT_A_SLACK_HOST' });
    expect(logger.lines.map(({ level, fields }) => [level, fields.reason])).toEqual([
      ['warn', 'REJECTED'],
      ['warn', 'TIMEOUT'],
      ['warn', 'NOT_A_SLACK_HOST'],
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('secret-part');
    expect(receiver.requests).toHaveLength(2);
  });
});
