import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ChangeMemberEmailCommand } from '@stepwise/tenancy-application';
import { TENANCY_READ_MODEL, type TenancyReadModel } from '@stepwise/tenancy-application/read';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { toMemberModel } from './tenancy.mappers';
import { ChangeMemberEmailInput } from './tenancy.inputs';
import { MemberModel, MemberPayload } from './tenancy.models';
import { readAfterWrite } from '../graphql/read-after-write';

/** A member's email address: their own to change, or anyone's for an admin (the decider enforces it). */
@Resolver(() => MemberModel)
export class MemberEmailResolver {
  constructor(
    private readonly commands: CommandSender,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
  ) {}

  @Mutation(() => MemberPayload, { nullable: true, description: 'Changes a member’s email address: your own, or anyone’s if you are an ADMIN (FORBIDDEN otherwise). `email: null` clears it; leaving email out fails with VALIDATION_FAILED (field email, reason REQUIRED), changing nothing.' })
  async changeMemberEmail(@CurrentCaller() caller: Caller, @Args('input', { description: 'The member and their new email address.' }) input: ChangeMemberEmailInput): Promise<MemberPayload> {
    const command = new ChangeMemberEmailCommand({ memberId: input.memberId, email: input.email }, this.commands.context(caller, input.clientMutationId));
    const sent = await this.commands.send(command);
    const member = readAfterWrite(async () => {
      const read = await this.tenancy.member(caller.organisationId, sent.memberId);
      return read ? toMemberModel(read) : null;
    });
    return { memberId: sent.memberId, member, outcome: toOutcome(sent) };
  }
}
