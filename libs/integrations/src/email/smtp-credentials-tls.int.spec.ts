/**
 * An organisation's own SMTP server is given its password only over TLS: with credentials and
 * `secure: false`, STARTTLS is required, and a server that does not offer it (or whose offer was
 * stripped on the way) never sees the AUTH command. Against a real local `smtp-server` recording
 * what AUTH it received.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { attempt, reflectionNudge } from '../testing/nudge-message.fixtures';
import type { EmailAddress, SmtpSettings } from './email.address';
import { EmailSender } from './email.sender';

const PASSWORD = 'Org-Smtp-Password-77';

interface RecordingServer {
  readonly settings: (auth?: SmtpSettings['auth']) => SmtpSettings;
  readonly auths: { readonly user: string | null | undefined; readonly pass: string | null | undefined; readonly secure: boolean }[];
  readonly messages: string[];
  close(): Promise<void>;
}

/** A local SMTP server that accepts any login and message, keeping what AUTH it received. */
const recordingServer = async (options: SMTPServerOptions): Promise<RecordingServer> => {
  const auths: RecordingServer['auths'][number][] = [];
  const messages: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    closeTimeout: 1000,
    ...options,
    onAuth(auth, session, callback) {
      auths.push({ user: auth.username, pass: auth.password, secure: session.secure });
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  // A sender hanging up mid-transaction (ECONNRESET, EPIPE) is its own affair, as for any mail server.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    settings: (auth) => ({ host: '127.0.0.1', port, secure: false, ...(auth && { auth }), from: { address: 'nudges@school.test', name: 'School' } }),
    auths,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe("EmailSender: an organisation's SMTP server with credentials", () => {
  const member = (smtp?: SmtpSettings): EmailAddress => ({ to: 'sam@school.test', unsubscribe: { url: 'https://app.stepwise.test/unsubscribe/u' }, ...(smtp && { smtp }) });
  let server: RecordingServer;
  let sender: EmailSender;

  afterEach(async () => {
    await sender?.close();
    await server?.close();
  });

  describe('on a server that does not offer STARTTLS', () => {
    beforeEach(async () => {
      // Neither announced nor accepted: a plaintext-only server, or one whose offer a man in the middle removed.
      server = await recordingServer({ hideSTARTTLS: true, disabledCommands: ['STARTTLS'] });
      sender = new EmailSender({ addressServers: { allowPrivateAddresses: true } });
    });

    it('sends no password: the send fails for good, coded TLS_REQUIRED, and AUTH never reaches the server', async () => {
      const outcome = await sender.send(reflectionNudge(), member(server.settings({ user: 'stepwise', pass: PASSWORD })), attempt());

      expect(outcome).toMatchObject({
        kind: 'permanent',
        reason: 'TLS_REQUIRED',
        disableAddress: false,
        detail: expect.stringMatching(/TLS is required.*did not offer STARTTLS/),
      });
      expect(JSON.stringify(outcome)).not.toContain(PASSWORD);
      expect(server.auths).toEqual([]);
      expect(server.messages).toEqual([]);
    });

    it('still delivers where the settings carry no credentials (nothing secret to send)', async () => {
      const outcome = await sender.send(reflectionNudge(), member(server.settings()), attempt());

      expect(outcome).toMatchObject({ kind: 'delivered', statusCode: 250 });
      expect(server.messages).toHaveLength(1);
      expect(server.auths).toEqual([]);
    });

    it("keeps the deployment's own default server (STEPWISE_SMTP_URL, set by its operator) as it was: STARTTLS when offered", async () => {
      sender = new EmailSender({ smtp: server.settings({ user: 'operator', pass: PASSWORD }), addressServers: { allowPrivateAddresses: true } });

      const outcome = await sender.send(reflectionNudge(), member(), attempt());

      expect(outcome).toMatchObject({ kind: 'delivered', statusCode: 250 });
      expect(server.auths).toEqual([{ user: 'operator', pass: PASSWORD, secure: false }]);
    });
  });

  it('sends no password to a server that hides STARTTLS and then cannot set TLS up (its certificate is not trusted)', async () => {
    // smtp-server's built-in certificate is not one a client trusts: the upgrade fails, and the client goes no
    // further. As for a server that offers STARTTLS with such a certificate: a connection failure, naming it.
    server = await recordingServer({ hideSTARTTLS: true });
    sender = new EmailSender({ addressServers: { allowPrivateAddresses: true } });

    const outcome = await sender.send(reflectionNudge(), member(server.settings({ user: 'stepwise', pass: PASSWORD })), attempt());

    expect(outcome).toMatchObject({ kind: 'retryable', reason: 'CONNECTION_FAILED', detail: expect.stringContaining('certificate') });
    expect(server.auths).toEqual([]);
    expect(server.messages).toEqual([]);
  });
});
