import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { refuseUnlessWebhooksAdmin } from '@stepwise/nudges-domain';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { NUDGES_READ_MODEL, type NudgesReadModel } from '../nudges-read.port';
import { assertWebhookUrlAllowed, WEBHOOK_URL_POLICY, type WebhookUrlPolicy } from '../webhook-url.policy';
import { decideOnWebhookEndpoint } from './decide-on-webhook-endpoint';
import type { WebhookEndpointCommandResult } from './nudges-command.result';
import { UpdateWebhookEndpointCommand } from './update-webhook-endpoint.command';

@CommandHandler(UpdateWebhookEndpointCommand)
export class UpdateWebhookEndpointHandler implements ICommandHandler<UpdateWebhookEndpointCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEBHOOK_URL_POLICY) private readonly urlPolicy: WebhookUrlPolicy,
    @Inject(NUDGES_READ_MODEL) private readonly endpoints: Pick<NudgesReadModel, 'webhookEndpointUrls'>,
  ) {}

  async execute({ input, context }: UpdateWebhookEndpointCommand): Promise<WebhookEndpointCommandResult> {
    refuseUnlessWebhooksAdmin(context.orgRole);
    assertWebhookUrlAllowed(this.urlPolicy, input.url);
    const data = { ...input, organisationId: context.tenantId };
    const result = await decideOnWebhookEndpoint(
      { store: this.store, clock: this.clock },
      { type: 'UpdateWebhookEndpoint', data },
      context,
      input,
      // Only a new url is checked against them; as at registration, updates racing each other can miss one another.
      async () => ({ endpointUrls: input.url === undefined ? [] : await this.endpoints.webhookEndpointUrls(context.tenantId) }),
    );
    return { ...result, signingSecret: null };
  }
}
