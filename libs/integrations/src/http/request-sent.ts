/**
 * When an outgoing request has left this process whole: its connection is open (and, for https,
 * its TLS handshake done) and every byte of it has been handed to the operating system. The
 * request's own 'finish' is not that: it fires once the body is buffered on a socket that may
 * still be connecting, to an address that may never answer. Not called when the request fails first.
 */
import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

export const whenRequestSent = (request: ClientRequest, sent: () => void): void => {
  const flushed = (socket: Socket): void => {
    if (socket.destroyed) return;
    if (socket.connecting) {
      socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => flushed(socket));
    } else if (socket instanceof TLSSocket && socket.getProtocol() === 'unknown') {
      socket.once('secureConnect', () => flushed(socket));
    } else if (socket.writableLength > 0) {
      socket.once('drain', () => flushed(socket));
    } else {
      sent();
    }
  };
  request.once('finish', () => {
    if (request.socket) flushed(request.socket);
    else request.once('socket', flushed);
  });
};
