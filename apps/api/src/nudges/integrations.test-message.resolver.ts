import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { SendIntegrationTestMessage } from '@stepwise/nudges-application';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { SendTestMessageInput, TestMessageOutcomeKindEnum, TestMessageOutcomeModel } from './integrations.test-message.models';

/** "Send a test message": one fixed message through a configured channel, and the receiver's answer. Admins only. */
@Resolver(() => TestMessageOutcomeModel)
export class IntegrationsTestMessageResolver {
  constructor(private readonly testMessages: SendIntegrationTestMessage) {}

  @Mutation(() => TestMessageOutcomeModel, { nullable: true,
    description:
      'Sends a fixed test message through a configured Slack, Teams, email or webhook destination and reports what the receiver answered. ' +
      'Admins only. Nothing is recorded; INTEGRATION_NOT_CONFIGURED names the field when there is nowhere to send it.',
  })
  async sendTestMessage(@CurrentCaller() caller: Caller, @Args('input', { description: 'The channel and what it is for.' }) input: SendTestMessageInput): Promise<TestMessageOutcomeModel> {
    const outcome = await this.testMessages.send(caller, input);
    return { ...outcome, kind: TestMessageOutcomeKindEnum[outcome.kind] };
  }
}
