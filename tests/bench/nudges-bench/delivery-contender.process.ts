/**
 * One delivery contender in a process of its own, forked by the nudge benchmark, so each has its own
 * event loop, pool and peak memory, and the receivers and producers in the benchmark's process stay
 * out of its figures. It answers the parent's requests over the IPC channel.
 */
import 'reflect-metadata';
import { answerParent, closeWhenParentGoes, tellParentReady } from '../support/child-rpc.responder';
import type { ContenderOptions, ContenderReady, ContenderRequest } from './delivery-contender.protocol';
import type { Contender } from './delivery-contender';
import { ProcessMeter } from './process.meter';
import { openRawContender } from './raw.contender';
import { openStepwiseContender } from './stepwise.contender';

const main = async (): Promise<void> => {
  const options = JSON.parse(process.argv[2]) as ContenderOptions;
  const meter = ProcessMeter.install();
  const contender: Contender =
    options.name === 'raw' ? await openRawContender(options, meter) : await openStepwiseContender(options, options.settings!, meter);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= contender.close());
  closeWhenParentGoes(close);
  answerParent<ContenderRequest>(async (request) => {
    switch (request.op) {
      case 'prepare':
        return contender.prepare(request.routes);
      case 'read':
        return meter.read();
      case 'close':
        return close();
    }
  });
  meter.read();
  tellParentReady<ContenderReady>({ type: 'ready', settings: contender.settings });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
