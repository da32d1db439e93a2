import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { WebhookEndpointCommandResult } from './nudges-command.result';

export interface RegisterWebhookEndpointInput {
  readonly url: string;
  readonly description?: string | null;
  readonly subscriptions: readonly string[];
  /** A `whsec_…` secret of the admin's own; omitted or null: Stepwise generates one and answers it once. */
  readonly secret?: string | null;
}

/** An admin registers an endpoint; its id is derived from the command id. */
export class RegisterWebhookEndpointCommand extends Command<WebhookEndpointCommandResult> {
  constructor(
    readonly input: RegisterWebhookEndpointInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
