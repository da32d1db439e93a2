/**
 * The messages between a benchmark and a process it forks (child-rpc.client.ts, child-rpc.responder.ts):
 * the child says it is ready once, then answers each request, numbered by the parent, by its number.
 */

export interface RpcReady {
  readonly type: 'ready';
}

export type RpcRequest<Message extends object> = Message & { readonly id: number };

export type RpcReply = { readonly id: number; readonly ok: true; readonly result?: unknown } | { readonly id: number; readonly ok: false; readonly error: string };
