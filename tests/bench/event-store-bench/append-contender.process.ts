/**
 * One append contender in a process of its own, forked by the event-store benchmark: each gets its
 * own event loop and pool, and Emmett's driver settings (it installs global `pg` type parsers) stay
 * out of the others. It answers the parent's rounds over the IPC channel.
 */
import type { ContenderName, ContenderReply, ContenderRequest } from './append-contender.protocol';
import { openContender } from './append.contenders';
import { runRound } from './append.load';

const send = (message: ContenderReply): void => {
  process.send?.(message);
};

const main = async (): Promise<void> => {
  const [name, url] = process.argv.slice(2) as [ContenderName, string];
  const contender = await openContender(name, url);
  process.on('disconnect', () => void contender.close().finally(() => process.exit(0)));
  process.on('message', (request: ContenderRequest) => {
    const answer = async (): Promise<void> => {
      if (request.op === 'close') {
        await contender.close();
        send({ id: request.id, ok: true });
        return;
      }
      send({ id: request.id, ok: true, result: await runRound(contender.append, request.round) });
    };
    answer().catch((error: Error) => send({ id: request.id, ok: false, error: error.stack ?? error.message }));
  });
  send({ type: 'ready' });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
