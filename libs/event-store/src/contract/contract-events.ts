/** The events the contract suites append: each test makes its own tenant. */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../event-store.port';

export const newTenant = (): string => `tenant-${randomUUID()}`;

export const event = (type = 'StepPlanned', data: Record<string, unknown> = { title: 'x' }, extra: Partial<NewEvent> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  ...extra,
});

export const events = (count: number, type = 'StepPlanned'): NewEvent[] => Array.from({ length: count }, (_, index) => event(type, { index }));
