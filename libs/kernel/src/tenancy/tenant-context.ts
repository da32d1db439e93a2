import { AsyncLocalStorage } from 'node:async_hooks';
import { CodedError } from '../errors/coded-error';

/**
 * The tenant (organisation) and actor a unit of work runs for, carried in AsyncLocalStorage from
 * the edge (a request once its caller is known, a job, a projection batch) through handlers,
 * repositories and logs.
 */
export interface TenantContext {
  readonly tenantId: string;
  readonly actorId?: string;
  readonly correlationId: string;
}

/**
 * What the storage holds: a unit of work's tenant, fixed from the start (`runInTenant`), or a
 * request's slot (`runWithTenantSlot`), empty until the edge has established who calls and then
 * filled once (`settleTenant`) for the rest of the request.
 */
interface TenantSlot {
  context?: TenantContext;
  readonly settable: boolean;
}

const storage = new AsyncLocalStorage<TenantSlot>();

export class MissingTenantContextError extends CodedError {
  constructor() {
    super('TENANT_CONTEXT_MISSING', 'This operation needs a tenant context and none is set');
  }
}

export const runInTenant = <T>(context: TenantContext, work: () => T): T => storage.run({ context, settable: false }, work);

/**
 * Runs a request with an empty tenant slot: no tenant until `settleTenant` fills it, then that
 * tenant for everything the request does afterwards (resolvers, reads, logs), with no scope to
 * open per resolver.
 */
export const runWithTenantSlot = <T>(work: () => T): T => storage.run({ settable: true }, work);

/**
 * Fills the current request's slot with its caller's tenant. Settling the same tenant again is a
 * no-op (every root field of an operation passes the same guard); another tenant, or a unit of work
 * whose tenant is fixed or that has no slot, is a fault in the edge, never the caller's to cause.
 */
export const settleTenant = (context: TenantContext): void => {
  const slot = storage.getStore();
  if (!slot?.settable) throw new Error('settleTenant runs only inside a request opened with runWithTenantSlot');
  if (slot.context === undefined) {
    slot.context = context;
    return;
  }
  if (slot.context.tenantId !== context.tenantId || slot.context.actorId !== context.actorId) {
    throw new Error('A request’s tenant is settled once: it cannot change to another tenant or actor');
  }
};

/** The current tenant context; throws when code that needs a tenant runs without one. */
export const currentTenant = (): TenantContext => {
  const context = storage.getStore()?.context;
  if (!context) throw new MissingTenantContextError();
  return context;
};

export const maybeCurrentTenant = (): TenantContext | undefined => storage.getStore()?.context;
