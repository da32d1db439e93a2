import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Caller, GraphqlContext } from './caller';
import type { Identity } from './identity';

/** The organisation member calling (set by CallerGuard on organisation-scoped operations). */
export const CurrentCaller = createParamDecorator((_data: unknown, execution: ExecutionContext): Caller => {
  const caller = GqlExecutionContext.create(execution).getContext<GraphqlContext>().caller;
  if (!caller) throw new Error('CurrentCaller used on an operation that is not organisation-scoped');
  return caller;
});

/** The verified identity calling (set by CallerGuard on every non-public operation). */
export const CurrentIdentity = createParamDecorator((_data: unknown, execution: ExecutionContext): Identity => {
  const identity = GqlExecutionContext.create(execution).getContext<GraphqlContext>().identity;
  if (!identity) throw new Error('CurrentIdentity used on a public operation');
  return identity;
});
