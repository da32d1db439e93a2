import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, type Command } from '@nestjs/cqrs';
import { derivedId, ID_GENERATOR, writtenBeforeRefusal, type CommandContext, type CommandResult, type DomainEvent } from '@stepwise/command-handling';
import { runInTenant, uuidFromParts, ValidationError, type IdGenerator } from '@stepwise/kernel';
import { currentCorrelationId, newCorrelationId, RUNTIME, type Runtime } from '@stepwise/platform';
import type { LogCheckpoint } from '@stepwise/event-store';
import { AnswerCache, READ_MODELS_PROCESSOR, waitForPosition } from '@stepwise/projections';
import { CachedMembershipDirectory, changesMemberships } from '@stepwise/tenancy-infrastructure';
import { ANALYTICS_ANSWER_CACHE } from '../analytics/analytics-answer-cache';
import type { Identity } from '../auth/identity';
import type { Caller } from '../auth/caller';
import { API_CONFIG } from '../config/api-config.token';
import type { ApiConfig } from '../config/api.config';
import { JOURNEY_ANSWER_CACHE } from '../journeys/kept-journeys.read-model';

const CLIENT_MUTATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** A command as the api sends it: the use case's input and who sends it, under which ids. */
export interface SendableCommand<Result> extends Command<Result> {
  readonly context: CommandContext;
}

export type SentCommand<Result extends CommandResult<DomainEvent>> = Result & {
  /** Whether the read models had caught up with the command when the mutation returned. */
  readonly projected: boolean;
};

/**
 * Sends a command from a resolver: builds its context from the verified caller, makes the client's
 * mutation id the command id (so a retried mutation appends once), and waits, bounded, until the
 * read models hold the result so the client reads its own writes. Answers the api keeps for the
 * organisation are then forgotten, and its memberships if the command changed one (a member removed
 * or added, an organisation role changed), so the next request is checked against the membership as
 * changed: the read models' notices reach what the api keeps on the listening session, and a wait
 * answered by a read of the checkpoint (before the watch is live, or at its deadline) may come
 * before the notice does.
 */
@Injectable()
export class CommandSender {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(JOURNEY_ANSWER_CACHE) private readonly keptJourneys: AnswerCache,
    @Inject(ANALYTICS_ANSWER_CACHE) private readonly keptAnalytics: AnswerCache,
    @Inject(CachedMembershipDirectory) private readonly memberships: CachedMembershipDirectory,
  ) {}

  context(caller: Caller, clientMutationId: string | null | undefined): CommandContext {
    return {
      tenantId: caller.organisationId,
      subject: caller.identity.subject,
      memberId: caller.memberId,
      orgRole: caller.orgRole,
      commandId: this.commandId(caller.identity.subject, clientMutationId, caller.organisationId),
      correlationId: currentCorrelationId() ?? newCorrelationId(),
    };
  }

  /** The context of a caller creating an organisation: its id is derived from the command id. */
  newOrganisationContext(identity: Identity, clientMutationId: string | null | undefined): CommandContext {
    const commandId = this.commandId(identity.subject, clientMutationId, null);
    const tenantId = derivedId({ commandId }, 'organisation');
    return { tenantId, subject: identity.subject, commandId, correlationId: currentCorrelationId() ?? newCorrelationId() };
  }

  /** Runs the command for the tenant its context names (a new organisation's has no request tenant yet). */
  async send<Result extends CommandResult<DomainEvent>>(command: SendableCommand<Result>): Promise<SentCommand<Result>> {
    const { tenantId } = command.context;
    const result = await this.sendInPlace(command).catch(async (error: unknown) => {
      // Refused after it wrote (and undid) something: answered, like a success, once the read
      // models hold it; the refusal is the answer either way.
      const written = writtenBeforeRefusal(error);
      if (written) await this.afterWrite(tenantId, written, true);
      throw error;
    });
    const projected = result.position ? await this.afterWrite(tenantId, result.position, changesMemberships(result.events)) : true;
    return { ...result, projected };
  }

  /**
   * Waits, bounded, until the read models hold a write, then forgets what the api keeps for the
   * organisation (its memberships too when the write changed one). Whether they held it in time.
   */
  private async afterWrite(tenantId: string, position: LogCheckpoint, memberships: boolean): Promise<boolean> {
    const projected = await waitForPosition(this.runtime.database, READ_MODELS_PROCESSOR, position, this.config.readYourWritesTimeoutMs);
    for (const kept of [this.keptJourneys, this.keptAnalytics]) kept.forgetTenant(tenantId);
    if (memberships) this.memberships.forgetOrganisation(tenantId);
    return projected;
  }

  /**
   * Runs a command that changes records in place rather than appending events (dismissing a nudge,
   * replaying a dead letter): queries show its change once it returns, so there is nothing to wait for.
   */
  sendInPlace<Result>(command: SendableCommand<Result>): Promise<Result> {
    const { tenantId, correlationId } = command.context;
    return runInTenant({ tenantId, correlationId }, () => this.commandBus.execute(command));
  }

  /**
   * A client's mutation id is scoped to its caller and the organisation the request is for: two
   * people reusing one id never collide, nor does one person reusing an id in two organisations (the
   * ids a command creates are derived from its id, and an id names one thing in one organisation
   * only: a client cache keyed by id must never mix two organisations' records). Creating an
   * organisation is scoped to the caller alone: there is no organisation yet.
   */
  private commandId(subject: string, clientMutationId: string | null | undefined, organisationId: string | null): string {
    if (clientMutationId === null || clientMutationId === undefined) return this.ids.next();
    if (!CLIENT_MUTATION_ID.test(clientMutationId)) {
      throw new ValidationError('clientMutationId must be 1-100 letters, digits, ".", "_", ":" or "-"', { field: 'clientMutationId', reason: 'INVALID_FORMAT' });
    }
    return organisationId === null
      ? `client:${uuidFromParts('client-mutation', subject, clientMutationId)}`
      : `client:${uuidFromParts('client-mutation', organisationId, subject, clientMutationId)}`;
  }
}
