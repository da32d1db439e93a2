/**
 * An organisation's own SMTP server is an address its admin typed in, like a webhook URL: where
 * private addresses are refused, its connections go through the same address filter as outbound
 * HTTP (an IP literal checked before connecting, every address DNS gives checked at connection
 * time, so a name that re-resolves between check and use is still caught) and are handed to
 * nodemailer open. The deployment's default server is the operator's configuration and is not
 * filtered. A refusal is an `OutboundRequestRefused`, which the send's outcome makes permanent.
 */
import type { Socket } from 'node:net';
import { filteredConnection, isAgentRefusal } from '../http/address-filter';
import { OutboundRequestFailed, OutboundRequestRefused } from '../http/outbound-http.errors';
import type { TestReceiverExemption } from '../http/test-receiver-exemption';

export interface SmtpAddressRules {
  /** Reach private, loopback and link-local addresses (local development). */
  readonly allowPrivateAddresses: boolean;
  /** Test-only: loopback receivers reached although private addresses are refused. */
  readonly exemptTestReceivers?: readonly TestReceiverExemption[];
}

type SocketCallback = (error: Error | null, socketOptions?: { connection: Socket }) => void;

/** nodemailer's `getSocket`: an open, filtered connection to the server, or why there is none. */
export const filteredSmtpSocket =
  (rules: SmtpAddressRules, connectionTimeoutMs: number) =>
  (options: { host?: string; port?: number }, callback: SocketCallback): void => {
    const host = (options.host ?? '').replace(/^\[(.*)\]$/, '$1');
    const port = options.port ?? 25;
    const shown = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    let socket: Socket;
    try {
      const { agent, lookup } = filteredConnection(
        { url: new URL(`http://${shown}`), secure: false, host, port },
        { allowPrivateAddresses: rules.allowPrivateAddresses, exemptTestReceivers: rules.exemptTestReceivers ?? [], lookup: undefined, connections: undefined },
      );
      socket = (agent as unknown as { createConnection(options: object): Socket }).createConnection({ host, port, lookup });
    } catch (error) {
      callback(error as Error);
      return;
    }
    let settled = false;
    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      socket.setTimeout(0);
      if (error) {
        socket.destroy();
        callback(error);
      } else {
        callback(null, { connection: socket });
      }
    };
    socket.setTimeout(connectionTimeoutMs, () => settle(new OutboundRequestFailed('TIMEOUT', `no connection to ${shown} in time`, { host })));
    socket.once('connect', () => settle(null));
    socket.once('error', (error: Error & { code?: string }) => {
      if (error instanceof OutboundRequestRefused) return settle(error);
      if (isAgentRefusal(error)) return settle(new OutboundRequestRefused('PRIVATE_ADDRESS', `${host} is, or resolves to, an address that is not public`, { host }));
      // Refused or reset connections, DNS trouble: nodemailer's own codes, worth trying again.
      settle(error);
    });
  };
