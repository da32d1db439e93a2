import type { AddressInfo } from 'node:net';
import { assertLoopbackExemption, type TestReceiverExemption } from '../test-receiver-exemption';

/** Lets the outbound client reach this one loopback receiver (IP and port) while every other private address stays refused. */
export const exemptTestReceiver = (address: AddressInfo | string | null): TestReceiverExemption => {
  if (address === null || typeof address === 'string') throw new Error('the test receiver is not listening on a TCP port');
  const exemption = { host: address.address, port: address.port };
  assertLoopbackExemption(exemption);
  return exemption as TestReceiverExemption;
};
