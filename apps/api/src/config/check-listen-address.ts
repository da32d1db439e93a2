/**
 * The address the api will listen on, tried before anything else is opened: a port another process
 * holds, or a host that is not this machine's, is refused with LISTEN_FAILED at once, before the
 * embedded database's folder is made and migrated (which takes seconds, and would leave a folder
 * behind for a boot that was always going to fail). The port is let go again straight away; if
 * another process takes it in the moments before the api listens, the listen itself still answers
 * LISTEN_FAILED. Port 0 (any free port) has nothing to check.
 */
import { createServer } from 'node:net';
import { CodedError } from '@stepwise/kernel';
import type { ApiConfig } from './api.config';

export const listenFailed = (host: string, port: number, error: unknown): CodedError =>
  new CodedError('LISTEN_FAILED', `STEPWISE_HOST / STEPWISE_PORT (${host}:${port}) cannot be listened on: ${error instanceof Error ? error.message : String(error)}`);

export const checkListenAddress = async ({ http }: Pick<ApiConfig, 'http'>): Promise<void> => {
  if (http.port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenFailed(http.host, http.port, error)));
    probe.listen({ port: http.port, host: http.host, exclusive: true }, () => probe.close(() => resolve()));
  });
};
