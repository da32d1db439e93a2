/** The event every contender appends: the size and metadata shape of an event written by a command. */
import { randomUUID } from 'node:crypto';

export const BENCH_TENANT = 'bench-tenant';

export const benchEvent = () => ({
  id: randomUUID(),
  type: 'StepTaken',
  data: { journeyId: randomUUID(), stepId: randomUUID(), title: 'Take the next small step', comfort: 3, at: new Date().toISOString() },
  // What handle-command stores with each event.
  metadata: {
    actorId: 'member-1',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    commandId: randomUUID(),
    commandFingerprint: 'f'.repeat(64),
    commandAttemptId: randomUUID(),
  },
});

/** The metadata as our store records it (it adds the tenant and the time): the others store the same bytes. */
export const storedMetadata = (metadata: Record<string, unknown>): Record<string, unknown> => ({
  ...metadata,
  tenantId: BENCH_TENANT,
  recordedAt: new Date().toISOString(),
});
