import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The correlation id of the request or job being served, for logs and event metadata. */
const storage = new AsyncLocalStorage<string>();

export const runWithCorrelation = <T>(correlationId: string, work: () => T): T => storage.run(correlationId, work);

export const currentCorrelationId = (): string | undefined => storage.getStore();

export const newCorrelationId = (): string => randomUUID();

/** Accepts a caller-supplied id only when it is short and plain, so it cannot pollute logs. */
export const acceptCorrelationId = (value: unknown): string =>
  typeof value === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : newCorrelationId();
