import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { isUuid, NotFoundError, settleTenant, ValidationError } from '@stepwise/kernel';
import { currentCorrelationId, newCorrelationId } from '@stepwise/platform';
import { MEMBERSHIP_DIRECTORY, type MembershipDirectory } from '@stepwise/tenancy-application/read';
import { ACCESS_KEY, type Access } from './access.decorator';
import { UnauthenticatedError } from './auth.errors';
import { ORGANISATION_HEADER, type GraphqlContext } from './caller';
import { TokenVerifier } from './token-verifier';

const bearerToken = (header: string | undefined): string => {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw new UnauthenticatedError('send a bearer token in the Authorization header');
  return match[1];
};

/**
 * Authenticates every GraphQL operation (unless public) and, for organisation-scoped ones, checks
 * the caller's membership of the organisation it names. Another organisation's id is NOT_FOUND.
 * Once the caller is known, the request runs for its organisation: the guard settles the tenant in
 * the slot the request-context handler opened, so the resolver, every read it makes (each checked
 * against it) and the request's log lines carry it.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(MEMBERSHIP_DIRECTORY) private readonly directory: MembershipDirectory,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access>(ACCESS_KEY, [execution.getHandler(), execution.getClass()]) ?? 'member';
    if (access === 'public' || execution.getType<string>() !== 'graphql') return true;
    const context = GqlExecutionContext.create(execution).getContext<GraphqlContext>();
    const identity = context.identity ?? (await this.verifier.verify(bearerToken(context.req.headers.authorization)));
    context.identity = identity;
    if (access === 'identity') return true;
    // Set once per request, in the same step as the tenant is settled below: nothing more to do.
    if (context.caller) return true;
    const organisationId = context.req.headers[ORGANISATION_HEADER];
    if (typeof organisationId !== 'string' || organisationId === '') {
      throw new ValidationError(`Name the organisation to act in with the ${ORGANISATION_HEADER} header`, { header: ORGANISATION_HEADER });
    }
    const membership = isUuid(organisationId) ? await this.directory.findBySubject(organisationId, identity.subject) : undefined;
    if (!membership) throw new NotFoundError('ORGANISATION_NOT_FOUND', 'No such organisation');
    context.caller = { ...membership, identity };
    settleTenant({ tenantId: membership.organisationId, actorId: membership.memberId, correlationId: currentCorrelationId() ?? newCorrelationId() });
    return true;
  }
}
