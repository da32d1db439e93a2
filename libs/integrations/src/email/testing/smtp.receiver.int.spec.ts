/**
 * The stand-in mail server outlives a sender that hangs up mid-conversation, as a real one does: a
 * sender whose deadline ran out on a busy machine reset its connection while the server was still
 * answering, and the server's unheard write (EPIPE, ECONNRESET) failed the whole spec file.
 */
import { connect, type Socket } from 'node:net';
import { SmtpReceiver } from './smtp.receiver';

/** The server's next reply (its greeting, or its answer to a command). */
const greeted = (socket: Socket): Promise<void> => new Promise((resolve) => socket.once('data', () => resolve()));

describe('the SMTP receiver, when a sender hangs up', () => {
  let receiver: SmtpReceiver;
  beforeAll(async () => {
    receiver = await SmtpReceiver.start();
  });
  afterAll(() => receiver?.close());

  it('keeps serving after connections reset mid-command, and says what each was', async () => {
    for (let round = 0; round < 20; round += 1) {
      const socket = connect(receiver.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await greeted(socket);
      // Within a transaction (MAIL FROM answered), where the server reports a connection's failure.
      for (const command of ['EHLO sender.test', 'MAIL FROM:<a@sender.test>']) {
        const answered = greeted(socket);
        socket.write(`${command}\r\n`);
        await answered;
      }
      socket.write('RCPT TO:<b@receiver.test>\r\n');
      socket.resetAndDestroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const codes = receiver.connectionErrors.map(({ code }) => code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((code) => code !== 'ECONNRESET' && code !== 'EPIPE')).toEqual([]);

    // And it still takes mail.
    const socket = connect(receiver.port, '127.0.0.1');
    await greeted(socket);
    const replies: string[] = [];
    socket.on('data', (chunk: Buffer) => replies.push(chunk.toString('utf8')));
    socket.write('EHLO sender.test\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.end('QUIT\r\n');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(replies.join('')).toMatch(/^250/m);
  });
});
