import { Inject, Injectable } from '@nestjs/common';
import type { WebhookEndpointCommandResult } from '@stepwise/nudges-application';
import { NUDGES_READ_MODEL, type NudgesReadModel } from '@stepwise/nudges-application/read';
import type { Caller } from '../auth/caller';
import type { SentCommand } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { toWebhookEndpointModel } from './nudges.mappers';
import type { WebhookSecretPayload } from './webhook-endpoints.models';

/** A webhook endpoint mutation's answer: the endpoint as it now reads, the outcome, and a generated secret (shown once). */
@Injectable()
export class WebhookEndpointPayloads {
  constructor(@Inject(NUDGES_READ_MODEL) private readonly nudges: NudgesReadModel) {}

  async of(caller: Caller, sent: SentCommand<WebhookEndpointCommandResult>): Promise<WebhookSecretPayload> {
    const endpoint = await this.nudges.webhookEndpoint(caller.organisationId, sent.endpointId);
    return { endpointId: sent.endpointId, endpoint: endpoint ? toWebhookEndpointModel(endpoint) : null, signingSecret: sent.signingSecret, outcome: toOutcome(sent) };
  }
}
