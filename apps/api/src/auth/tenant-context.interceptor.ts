import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { runInTenant } from '@stepwise/kernel';
import { currentCorrelationId, newCorrelationId } from '@stepwise/platform';
import { Observable } from 'rxjs';
import type { GraphqlContext } from './caller';

/** Runs the resolver, and everything it calls, inside the caller's tenant context (AsyncLocalStorage). */
@Injectable()
export class TenantContextInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType<string>() !== 'graphql') return next.handle();
    const caller = GqlExecutionContext.create(execution).getContext<GraphqlContext>().caller;
    if (!caller) return next.handle();
    const tenant = { tenantId: caller.organisationId, actorId: caller.memberId, correlationId: currentCorrelationId() ?? newCorrelationId() };
    return new Observable((subscriber) => runInTenant(tenant, () => next.handle().subscribe(subscriber)));
  }
}
