/** Injection tokens the command side is composed with: the store, time and ids are never reached for directly. */
export const EVENT_STORE = Symbol('stepwise.event-store');
export const CLOCK = Symbol('stepwise.clock');
export const ID_GENERATOR = Symbol('stepwise.id-generator');

/** Who sends a command, and under which ids, as the edge established it. */
export interface CommandContext {
  readonly tenantId: string;
  /** The verified JWT subject. */
  readonly subject: string;
  /** The caller's member id in the tenant (absent only while creating an organisation). */
  readonly memberId?: string;
  readonly orgRole?: 'ADMIN' | 'MEMBER';
  /** Client-supplied for idempotent retries, or generated. */
  readonly commandId: string;
  readonly correlationId: string;
}

/** A domain command as the edge builds it: everything but the metadata (time and actor) the handler stamps. */
export type Unstamped<C> = C extends unknown ? Omit<C, 'metadata'> : never;
