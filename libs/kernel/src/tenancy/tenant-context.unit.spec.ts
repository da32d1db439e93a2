import { setImmediate as turn } from 'node:timers/promises';
import { currentTenant, maybeCurrentTenant, runInTenant, runWithTenantSlot, settleTenant } from './tenant-context';

describe('tenant context', () => {
  it('throws when code that needs a tenant runs without one', () => {
    expect(() => currentTenant()).toThrow(expect.objectContaining({ code: 'TENANT_CONTEXT_MISSING' }));
  });

  it('carries the tenant across awaits', async () => {
    const seen = await runInTenant({ tenantId: 't-1', correlationId: 'c-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentTenant().tenantId;
    });
    expect(seen).toBe('t-1');
  });

  describe("a request's slot", () => {
    const acme = { tenantId: 'acme', actorId: 'a-1', correlationId: 'c-acme' };
    const globex = { tenantId: 'globex', actorId: 'g-1', correlationId: 'c-globex' };

    it('holds no tenant until settled, then the settled one for the rest of the request, across awaits', async () => {
      const seen = await runWithTenantSlot(async () => {
        const before = maybeCurrentTenant();
        await turn();
        settleTenant(acme);
        await turn();
        return { before, after: currentTenant() };
      });
      expect(seen).toEqual({ before: undefined, after: acme });
    });

    it('is seen by work the request started before it was settled', async () => {
      const seen = await runWithTenantSlot(async () => {
        const started = (async () => {
          await turn();
          await turn();
          return maybeCurrentTenant()?.tenantId;
        })();
        settleTenant(acme);
        return started;
      });
      expect(seen).toBe('acme');
    });

    it('keeps two interleaved requests apart', async () => {
      const request = (tenant: typeof acme, wait: number) =>
        runWithTenantSlot(async () => {
          await new Promise((resolve) => setTimeout(resolve, wait));
          settleTenant(tenant);
          await new Promise((resolve) => setTimeout(resolve, 20 - wait));
          return currentTenant().tenantId;
        });
      expect(await Promise.all([request(acme, 15), request(globex, 5), request(acme, 1), request(globex, 12)])).toEqual(['acme', 'globex', 'acme', 'globex']);
    });

    it('may be settled again with the same tenant and actor, never with another', () => {
      runWithTenantSlot(() => {
        settleTenant(acme);
        expect(() => settleTenant({ ...acme, correlationId: 'other' })).not.toThrow();
        expect(() => settleTenant(globex)).toThrow(/settled once/);
        expect(() => settleTenant({ ...acme, actorId: 'a-2' })).toThrow(/settled once/);
        expect(currentTenant()).toEqual(acme);
      });
    });

    it('cannot be settled outside a request, nor inside a unit of work whose tenant is fixed', () => {
      expect(() => settleTenant(acme)).toThrow(/runWithTenantSlot/);
      runInTenant(globex, () => expect(() => settleTenant(acme)).toThrow(/runWithTenantSlot/));
      runWithTenantSlot(() => {
        settleTenant(acme);
        // A command the request runs for its tenant opens a fixed context of its own inside the slot.
        expect(runInTenant(globex, () => currentTenant().tenantId)).toBe('globex');
        expect(currentTenant().tenantId).toBe('acme');
      });
    });
  });
});
