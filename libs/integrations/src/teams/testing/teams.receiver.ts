/**
 * A local HTTP server standing in for a Teams Workflows webhook: it checks each posted message and
 * its card (our validator and Microsoft's SDK) and answers 202 Accepted as the trigger does, or 400
 * with what is wrong. Answers can be scripted ahead (a 500, a 429) to stage faults; every request is
 * kept for the test to read.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateTeamsWorkflowMessage } from '../adaptive-card.validator';
import { checkCardWithSdk } from './adaptive-card.sdk-check';

export interface ReceivedTeamsRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ScriptedTeamsAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Answered this long after the request is in (kept at once): a trigger that acts, then answers late. */
  readonly delayMs?: number;
}

export const WORKFLOW_PATH = '/workflows/6a1f/triggers/manual/paths/invoke';

export class TeamsReceiver {
  readonly requests: ReceivedTeamsRequest[] = [];
  private readonly scripted: ScriptedTeamsAnswer[] = [];
  private readonly late: number[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<TeamsReceiver> {
    const server = createServer();
    const receiver = new TeamsReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        receiver.requests.push({ method: request.method ?? '', path: request.url ?? '/', headers: request.headers, body });
        const late = receiver.late.shift();
        const answer: ScriptedTeamsAnswer = { ...(receiver.scripted.shift() ?? answerAsWorkflow(request.url ?? '/', body)), ...(late !== undefined && { delayMs: late }) };
        const send = (): void => {
          response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
          response.end(answer.body ?? '');
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
        else send();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** The Workflows trigger URL on this receiver, shaped like the real ones. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${WORKFLOW_PATH}?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sig=s3cr3t`;
  }

  answerNext(...answers: ScriptedTeamsAnswer[]): void {
    this.scripted.push(...answers);
  }

  /** The next requests are answered as the trigger would (or as scripted), each `delayMs` late. */
  answerLate(...delaysMs: number[]): void {
    this.late.push(...delaysMs);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

const answerAsWorkflow = (path: string, body: string): ScriptedTeamsAnswer => {
  if (!path.startsWith(WORKFLOW_PATH)) return { status: 404, body: 'no such workflow' };
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return { status: 400, body: 'the body is not JSON' };
  }
  const problems = validateTeamsWorkflowMessage(message).map(({ path: at, problem }) => `${at} ${problem}`);
  const card = (message as { attachments?: { content?: unknown }[] }).attachments?.[0]?.content;
  const sdkProblems = problems.length === 0 ? checkCardWithSdk(card).problems : [];
  const all = [...problems, ...sdkProblems];
  return all.length === 0 ? { status: 202 } : { status: 400, body: all.join('; ') };
};
