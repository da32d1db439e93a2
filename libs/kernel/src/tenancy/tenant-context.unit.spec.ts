import { currentTenant, runInTenant } from './tenant-context';

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
});
