import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  AddMemberCommand,
  ChangeMemberRoleCommand,
  CreateOrganisationCommand,
  RemoveMemberCommand,
  UpdateMemberPreferencesCommand,
  type OrganisationCommandResult,
} from '@stepwise/tenancy-application';
import { TENANCY_READ_MODEL, type TenancyReadModel } from '@stepwise/tenancy-application/read';
import { OrganisationNotFoundError, validDisplayName, validEmail } from '@stepwise/tenancy-domain';
import { IdentityOnly } from '../auth/access.decorator';
import type { Caller } from '../auth/caller';
import { CurrentCaller, CurrentIdentity } from '../auth/current-caller.decorator';
import type { Identity } from '../auth/identity';
import { CommandSender, type SentCommand } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { toMemberModel, toOrganisationModel } from './tenancy.mappers';
import {
  AddMemberInput,
  ChangeMemberRoleInput,
  CreateOrganisationInput,
  RemoveMemberInput,
  UpdateMemberPreferencesInput,
} from './tenancy.inputs';
import { MemberModel, MemberPayload, OrganisationModel, OrganisationPayload } from './tenancy.models';
import { readAfterWrite } from '../graphql/read-after-write';

/** Organisations and their members. Only admins manage members (the decider enforces it). */
/**
 * A token's profile claim as the creator's member record can keep it; one it would refuse (an email
 * that is no address, a name too long) is left out, as a claim not sent is: the input has no email
 * to put in its place, and refusing would leave that person unable to create an organisation at all.
 */
const keptClaim = (value: string | undefined, check: (value: unknown) => unknown): string | undefined => {
  if (value === undefined) return undefined;
  try {
    check(value);
    return value;
  } catch {
    return undefined;
  }
};

@Resolver(() => OrganisationModel)
export class OrganisationResolver {
  constructor(
    private readonly commands: CommandSender,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
  ) {}

  @IdentityOnly()
  @Query(() => [OrganisationModel], { description: 'The organisations you belong to, with your member id and role in each. Needs a verified token only, no organisation header.' })
  async myOrganisations(@CurrentIdentity() identity: Identity): Promise<OrganisationModel[]> {
    return (await this.tenancy.organisationsOf(identity.subject)).map(toOrganisationModel);
  }

  @IdentityOnly()
  @Mutation(() => OrganisationPayload, { nullable: true, description: 'Creates an organisation with you as its first ADMIN. Needs a verified token only, no organisation header.' })
  async createOrganisation(@CurrentIdentity() identity: Identity, @Args('input', { description: 'The organisation’s name and slug, and your name and timezone in it.' }) input: CreateOrganisationInput): Promise<OrganisationPayload> {
    const command = new CreateOrganisationCommand(
      {
        name: input.name,
        slug: input.slug ?? null,
        creator: {
          displayName: input.displayName ?? keptClaim(identity.name, validDisplayName) ?? identity.subject,
          email: keptClaim(identity.email, validEmail) ?? null,
          timezone: input.timezone ?? 'UTC',
        },
      },
      this.commands.newOrganisationContext(identity, input.clientMutationId),
    );
    const sent = await this.commands.send(command);
    const organisation = readAfterWrite(async () => {
      const created = (await this.tenancy.organisationsOf(identity.subject)).find((view) => view.organisationId === command.context.tenantId);
      return created ? toOrganisationModel(created) : null;
    });
    return { organisationId: command.context.tenantId, organisation, outcome: toOutcome(sent) };
  }

  @Query(() => [MemberModel], { description: 'The organisation’s current members (those who left are not listed). Every member sees them all.' })
  async members(@CurrentCaller() caller: Caller): Promise<MemberModel[]> {
    return (await this.tenancy.members(caller.organisationId)).map(toMemberModel);
  }

  @Query(() => MemberModel, { description: 'You, as a member of the organisation named by the x-organisation-id header.' })
  async me(@CurrentCaller() caller: Caller): Promise<MemberModel> {
    const me = await this.tenancy.member(caller.organisationId, caller.memberId);
    // Removed a moment ago (the membership this request began with was still kept): no longer a member of it.
    if (!me) throw new OrganisationNotFoundError(caller.organisationId);
    return toMemberModel(me);
  }

  @Mutation(() => MemberPayload, { nullable: true, description: 'Adds a person to the organisation by their identity token’s subject; `memberId` is the new member’s id. ADMINs only.' })
  async addMember(@CurrentCaller() caller: Caller, @Args('input', { description: 'Who to add, their role and their nudge preferences.' }) input: AddMemberInput): Promise<MemberPayload> {
    const command = new AddMemberCommand(
      {
        subject: input.subject,
        displayName: input.displayName,
        email: input.email ?? null,
        orgRole: input.orgRole,
        timezone: input.timezone ?? 'UTC',
        quietHours: input.quietHours ?? null,
      },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.memberPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => MemberPayload, { nullable: true, description: 'Changes a member’s organisation role; the last ADMIN cannot be demoted (LAST_ADMIN). ADMINs only.' })
  async changeMemberRole(@CurrentCaller() caller: Caller, @Args('input', { description: 'The member and their new role.' }) input: ChangeMemberRoleInput): Promise<MemberPayload> {
    const command = new ChangeMemberRoleCommand({ memberId: input.memberId, orgRole: input.orgRole }, this.commands.context(caller, input.clientMutationId));
    return this.memberPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => MemberPayload, { nullable: true, description: 'Changes a member’s timezone and quiet hours: your own, or anyone’s if you are an ADMIN.' })
  async updateMemberPreferences(@CurrentCaller() caller: Caller, @Args('input', { description: 'The member and the preferences to change.' }) input: UpdateMemberPreferencesInput): Promise<MemberPayload> {
    const command = new UpdateMemberPreferencesCommand(
      {
        memberId: input.memberId,
        ...(input.timezone !== undefined && input.timezone !== null && { timezone: input.timezone }),
        ...(input.quietHours !== undefined && { quietHours: input.quietHours }),
      },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.memberPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => MemberPayload, { nullable: true, description: 'Removes a member from the organisation and its teams, freeing their seats: an ADMIN removes anyone, a member may remove themselves. The last ADMIN cannot leave (LAST_ADMIN).' })
  async removeMember(@CurrentCaller() caller: Caller, @Args('input', { description: 'The member to remove.' }) input: RemoveMemberInput): Promise<MemberPayload> {
    const command = new RemoveMemberCommand({ memberId: input.memberId }, this.commands.context(caller, input.clientMutationId));
    return this.memberPayload(caller, await this.commands.send(command));
  }

  private async memberPayload(caller: Caller, sent: SentCommand<OrganisationCommandResult>): Promise<MemberPayload> {
    const member = readAfterWrite(async () => {
      const read = await this.tenancy.member(caller.organisationId, sent.memberId);
      return read ? toMemberModel(read) : null;
    });
    return { memberId: sent.memberId, member, outcome: toOutcome(sent) };
  }
}
