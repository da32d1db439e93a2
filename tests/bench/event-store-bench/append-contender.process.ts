/**
 * One append contender in a process of its own, forked by the event-store benchmark: each gets its
 * own event loop and pool, and Emmett's driver settings (it installs global `pg` type parsers) stay
 * out of the others. It answers the parent's rounds over the IPC channel.
 */
import { answerParent, closeWhenParentGoes, tellParentReady } from '../support/child-rpc.responder';
import type { ContenderName, ContenderRequest } from './append-contender.protocol';
import { openContender } from './append.contenders';
import { runRound } from './append.load';

const main = async (): Promise<void> => {
  const [name, url] = process.argv.slice(2) as [ContenderName, string];
  const contender = await openContender(name, url);
  closeWhenParentGoes(() => contender.close());
  answerParent<ContenderRequest>(async (request) => (request.op === 'close' ? contender.close() : runRound(contender.append, request.round)));
  tellParentReady({ type: 'ready' });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
