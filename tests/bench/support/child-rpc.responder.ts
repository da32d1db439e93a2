/**
 * A forked benchmark process's side of child-rpc.client.ts: it tells the parent it is ready, answers
 * each request by its number (a failure with its stack), and closes and exits when the parent lets
 * it go or goes away.
 */
import type { RpcReady, RpcReply, RpcRequest } from './child-rpc.protocol';

const send = (message: RpcReady | RpcReply): void => {
  process.send?.(message);
};

export const tellParentReady = <Ready extends RpcReady>(ready: Ready): void => send(ready);

export const answerParent = <Request extends object>(answer: (request: Request) => Promise<unknown>): void => {
  process.on('message', (request: RpcRequest<Request>) => {
    answer(request).then(
      (result) => send({ id: request.id, ok: true, result }),
      (error: unknown) => send({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
};

/** When the IPC channel closes (the parent is done, or gone), runs `close` and exits. */
export const closeWhenParentGoes = (close: () => Promise<unknown>): void => {
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
};
