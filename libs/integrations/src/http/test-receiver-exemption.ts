/**
 * The one hole in the address filter, for tests only: one loopback IP and port (a test's own
 * receiver) that may be reached while every other private or loopback address stays refused, so the
 * redirect tests can prove that a hop from an allowed receiver to a forbidden address is refused.
 *
 * It cannot come from configuration: the type is branded, and the only function that makes one,
 * `exemptTestReceiver`, is exported from `@stepwise/integrations/testing`, which production sources
 * may not import (lint). The client also refuses an exemption for anything but a loopback IP literal.
 * Development setups that need private addresses use `allowPrivateAddresses` instead.
 */
import { isIP } from 'node:net';

declare const testReceiverExemption: unique symbol;

export interface TestReceiverExemption {
  /** A loopback IP literal, exactly as it appears in the URL's host (no brackets). */
  readonly host: string;
  readonly port: number;
  readonly [testReceiverExemption]: 'test-only';
}

const LOOPBACK_LITERALS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1)$/;

/** Throws (a programming error, not an input error) when an exemption is not a loopback IP literal and port. */
export const assertLoopbackExemption = (exemption: { host: string; port: number }): void => {
  if (isIP(exemption.host) === 0 || !LOOPBACK_LITERALS.test(exemption.host)) {
    throw new Error(`a test receiver exemption must name a loopback IP literal, not ${JSON.stringify(exemption.host)}`);
  }
  if (!Number.isInteger(exemption.port) || exemption.port < 1 || exemption.port > 65_535) {
    throw new Error(`a test receiver exemption must name a port, not ${JSON.stringify(exemption.port)}`);
  }
};
