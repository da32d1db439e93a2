import type { Command, CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import { runInTenant, type FixedClock } from '@stepwise/kernel';

/** Someone in the demo organisation: who they sign in as, and their member id once added. */
export interface DemoPerson {
  readonly subject: string;
  readonly name: string;
  readonly orgRole: 'ADMIN' | 'MEMBER';
  memberId: string;
}

/**
 * Sends the demo's commands through the command bus, as the api does, each at the instant the story
 * sets on the injected clock. Command ids come from the seed and a counter, so a given seed always
 * makes the same organisation with the same ids, and running it again appends nothing new.
 */
export class DemoCommands {
  private sent = 0;
  private tenantId = '';

  constructor(
    private readonly bus: CommandBus,
    private readonly clock: FixedClock,
    private readonly seed: number,
  ) {}

  get organisationId(): string {
    return this.tenantId;
  }

  /** The next command's context, acting as `actor`, in the organisation (or a new one's, named by its command id). */
  context(actor: DemoPerson, tenantId: string = this.tenantId): CommandContext {
    this.sent += 1;
    const commandId = `demo:${this.seed}:${this.sent}`;
    return {
      tenantId,
      subject: actor.subject,
      memberId: actor.memberId || undefined,
      orgRole: actor.memberId ? actor.orgRole : undefined,
      commandId,
      correlationId: commandId,
    };
  }

  /** Runs the command at `at` (the story's time), under its tenant. */
  async send<Result>(at: Date, command: Command<Result> & { readonly context: CommandContext }): Promise<Result> {
    this.clock.set(at);
    const { tenantId, correlationId } = command.context;
    this.tenantId = tenantId;
    return runInTenant({ tenantId, correlationId }, () => this.bus.execute(command));
  }

  get commandsSent(): number {
    return this.sent;
  }
}
