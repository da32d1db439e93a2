/**
 * One delivery contender in a process of its own, forked by the nudge benchmark, so each has its own
 * event loop, pool and peak memory, and the receivers and producers in the benchmark's process stay
 * out of its figures. It answers the parent's requests over the IPC channel.
 */
import 'reflect-metadata';
import type { ContenderOptions, ContenderReply, ContenderRequest } from './delivery-contender.protocol';
import type { Contender } from './delivery-contender';
import { ProcessMeter } from './process.meter';
import { openRawContender } from './raw.contender';
import { openStepwiseContender } from './stepwise.contender';

const send = (message: ContenderReply): void => {
  process.send?.(message);
};

const main = async (): Promise<void> => {
  const options = JSON.parse(process.argv[2]) as ContenderOptions;
  const meter = ProcessMeter.install();
  const contender: Contender =
    options.name === 'raw' ? await openRawContender(options, meter) : await openStepwiseContender(options, options.settings!, meter);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= contender.close());
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
  process.on('message', (request: ContenderRequest) => {
    const answer = async (): Promise<void> => {
      switch (request.op) {
        case 'prepare':
          await contender.prepare(request.routes);
          return send({ id: request.id, ok: true });
        case 'read':
          return send({ id: request.id, ok: true, reading: meter.read() });
        case 'close':
          await close();
          return send({ id: request.id, ok: true });
      }
    };
    answer().catch((error: Error) => send({ id: request.id, ok: false, error: error.stack ?? error.message }));
  });
  meter.read();
  send({ type: 'ready', settings: contender.settings });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
