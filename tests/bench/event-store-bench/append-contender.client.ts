/** Forks an append contender (append-contender.process.ts) and runs rounds in it over IPC. */
import { join } from 'node:path';
import { ChildRpc } from '../support/child-rpc.client';
import type { RpcReady } from '../support/child-rpc.protocol';
import type { AppendRound, ContenderName, ContenderRequest, RoundResult } from './append-contender.protocol';

export interface ContenderProcess {
  readonly name: ContenderName;
  round(round: AppendRound): Promise<RoundResult>;
  close(): Promise<void>;
}

export const forkContender = async (name: ContenderName, url: string): Promise<ContenderProcess> => {
  const rpc = new ChildRpc<RpcReady, ContenderRequest>(join(__dirname, 'append-contender.process.ts'), { label: `${name} contender`, args: [name, url] });
  await rpc.ready;
  return {
    name,
    round: (round) => rpc.request<RoundResult>({ op: 'round', round }),
    close: () => rpc.close({ op: 'close' }),
  };
};
