import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@stepwise/command-handling';
import type { WebhookEndpointCommandResult } from './nudges-command.result';

export interface RotateWebhookSecretInput {
  readonly endpointId: string;
  /** A `whsec_…` secret of the admin's own; omitted or null: Stepwise generates one and answers it once. */
  readonly secret?: string | null;
  /** How long the replaced secret still verifies (default 24 h). */
  readonly gracePeriodMinutes?: number;
}

/** An admin replaces an endpoint's signing secret; the old one stays valid for the grace period. */
export class RotateWebhookSecretCommand extends Command<WebhookEndpointCommandResult> {
  constructor(
    readonly input: RotateWebhookSecretInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
