import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { atOnce, isUuid, NotFoundError, settleTenant, ValidationError, type AtOnce } from '@stepwise/kernel';
import { currentCorrelationId, newCorrelationId } from '@stepwise/platform';
import { MEMBERSHIP_DIRECTORY, type MembershipDirectory, type OrganisationMembership } from '@stepwise/tenancy-application/read';
import { ACCESS_KEY, type Access } from './access.decorator';
import { UnauthenticatedError } from './auth.errors';
import { ORGANISATION_HEADER, type GraphqlContext } from './caller';
import type { Identity } from './identity';
import { headerCount } from '../http/header-count';
import { TokenVerifier } from './token-verifier';

/**
 * The one bearer token the request carries. Node keeps the first of several Authorization headers
 * and drops the rest: a proxy in front that read the last would authenticate someone else than the
 * api acts as, so more than one is refused.
 */
const bearerToken = (request: Pick<GraphqlContext['req'], 'headers' | 'rawHeaders'>): string => {
  if (headerCount(request, 'authorization') > 1) throw new UnauthenticatedError('send one Authorization header, not several');
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) throw new UnauthenticatedError('send a bearer token in the Authorization header');
  return match[1];
};

/**
 * Authenticates every GraphQL operation (unless public) and, for organisation-scoped ones, checks
 * the caller's membership of the organisation it names. Another organisation's id is NOT_FOUND.
 * Once the caller is known, the request runs for its organisation: the guard settles the tenant in
 * the slot the request-context handler opened, so the resolver, every read it makes (each checked
 * against it) and the request's log lines carry it.
 *
 * A token verified before and a membership kept in memory are answered at once: the guard then
 * answers without a promise, and waits only for what it must check or read.
 *
 * The membership is looked up once per request, and again for each mutation field after the first:
 * fields of one mutation document run one after another, so one that demotes or removes the caller
 * is seen by the next, whatever that next one checks itself.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  /** Each operation's access, as its decorators declare it (read once per handler). */
  private readonly accessByHandler = new WeakMap<object, Access>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(MEMBERSHIP_DIRECTORY) private readonly directory: MembershipDirectory,
  ) {}

  canActivate(execution: ExecutionContext): AtOnce<boolean> {
    const access = this.accessOf(execution);
    if (access === 'public' || execution.getType<string>() !== 'graphql') return true;
    const graphql = GqlExecutionContext.create(execution);
    const context = graphql.getContext<GraphqlContext>();
    const again = graphql.getInfo<{ parentType?: { name?: string } }>()?.parentType?.name === 'Mutation';
    if (context.identity) return this.admit(context, access, context.identity, again);
    const token = bearerToken(context.req);
    const known = this.verifier.verifiedBefore(token);
    return atOnce(known ?? this.verifier.verify(token), (identity) => this.admit(context, access, identity, again));
  }

  private accessOf(execution: ExecutionContext): Access {
    const handler = execution.getHandler();
    let access = this.accessByHandler.get(handler);
    if (access === undefined) {
      access = this.reflector.getAllAndOverride<Access>(ACCESS_KEY, [handler, execution.getClass()]) ?? 'member';
      this.accessByHandler.set(handler, access);
    }
    return access;
  }

  private admit(context: GraphqlContext, access: Access, identity: Identity, mutation: boolean): AtOnce<boolean> {
    context.identity = identity;
    if (access === 'identity') return true;
    // Set once per request, in the same step as the tenant is settled below: nothing more to do, but
    // for a later mutation field, which takes the membership as the earlier ones left it.
    if (context.caller && !mutation) return true;
    const organisationId = context.req.headers[ORGANISATION_HEADER];
    if (typeof organisationId !== 'string' || organisationId === '') {
      throw new ValidationError(`Name the organisation to act in with the ${ORGANISATION_HEADER} header`, { header: ORGANISATION_HEADER });
    }
    const membership = isUuid(organisationId) ? this.directory.findBySubject(organisationId, identity.subject) : undefined;
    return atOnce(membership, (found) => this.settle(context, identity, found));
  }

  private settle(context: GraphqlContext, identity: Identity, membership: OrganisationMembership | undefined): true {
    // Removed (and maybe added again, as another member) by an earlier field of the same document.
    if (!membership || (context.caller && context.caller.memberId !== membership.memberId)) throw new NotFoundError('ORGANISATION_NOT_FOUND', 'No such organisation');
    context.caller = { ...membership, identity };
    settleTenant({ tenantId: membership.organisationId, actorId: membership.memberId, correlationId: currentCorrelationId() ?? newCorrelationId() });
    return true;
  }
}
