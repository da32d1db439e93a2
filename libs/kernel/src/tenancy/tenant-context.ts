import { AsyncLocalStorage } from 'node:async_hooks';
import { CodedError } from '../errors/coded-error';

/**
 * The tenant (organisation) and actor a unit of work runs for, carried in AsyncLocalStorage from
 * the edge (guard, job, projection batch) through handlers, repositories and logs.
 */
export interface TenantContext {
  readonly tenantId: string;
  readonly actorId?: string;
  readonly correlationId: string;
}

const storage = new AsyncLocalStorage<TenantContext>();

export class MissingTenantContextError extends CodedError {
  constructor() {
    super('TENANT_CONTEXT_MISSING', 'This operation needs a tenant context and none is set');
  }
}

export const runInTenant = <T>(context: TenantContext, work: () => T): T => storage.run(context, work);

/** The current tenant context; throws when code that needs a tenant runs without one. */
export const currentTenant = (): TenantContext => {
  const context = storage.getStore();
  if (!context) throw new MissingTenantContextError();
  return context;
};

export const maybeCurrentTenant = (): TenantContext | undefined => storage.getStore();
