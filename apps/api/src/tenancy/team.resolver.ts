import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TeamNotFoundError } from '@stepwise/tenancy-domain';
import {
  AddTeamMemberCommand,
  CancelSubscriptionCommand,
  ChangeSubscriptionCommand,
  ChangeTeamRoleCommand,
  CreateTeamCommand,
  RemoveTeamMemberCommand,
  SubscribeTeamCommand,
  type TeamCommandResult,
} from '@stepwise/tenancy-application';
import { canSeeTeam, listsOnlyOwnTeams, TENANCY_READ_MODEL, type TenancyReadModel } from '@stepwise/tenancy-application/read';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender, type SentCommand } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { toTeamMemberModel, toTeamModel } from './tenancy.mappers';
import {
  CancelSubscriptionInput,
  ChangeSubscriptionInput,
  CreateTeamInput,
  SubscribeTeamInput,
  TeamMemberInput,
  TeamMemberRoleInput,
} from './tenancy.inputs';
import { TeamMemberModel, TeamModel, TeamPayload } from './tenancy.models';
import { readAfterWrite } from '../graphql/read-after-write';

/** Teams, their subscriptions and members. Admins manage them; members see the teams they belong to. */
@Resolver(() => TeamModel)
export class TeamResolver {
  constructor(
    private readonly commands: CommandSender,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
  ) {}

  @Query(() => [TeamModel], { description: 'Admins see every team of the organisation; other members the teams they belong to.' })
  async teams(@CurrentCaller() caller: Caller): Promise<TeamModel[]> {
    const views = await this.tenancy.teams(caller.organisationId, caller.memberId, { onlyMine: listsOnlyOwnTeams(caller.orgRole) });
    return views.map(toTeamModel);
  }

  @Query(() => [TeamModel], { description: 'The teams you belong to, with your role in each.' })
  async myTeams(@CurrentCaller() caller: Caller): Promise<TeamModel[]> {
    return (await this.tenancy.teams(caller.organisationId, caller.memberId, { onlyMine: true })).map(toTeamModel);
  }

  @Query(() => TeamModel, { description: 'One team. Admins see every team; other members the teams they belong to; otherwise TEAM_NOT_FOUND, as for an id that does not exist.' })
  async team(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'The team’s id.' }) id: string): Promise<TeamModel> {
    const view = await this.tenancy.team(caller.organisationId, id, caller.memberId);
    if (!view || !canSeeTeam({ orgRole: caller.orgRole, teamRole: view.myRole })) throw new TeamNotFoundError(id, 'id');
    return toTeamModel(view);
  }

  @ResolveField(() => [TeamMemberModel], { description: 'The members on the team, with their team roles.' })
  async members(@CurrentCaller() caller: Caller, @Parent() team: TeamModel): Promise<TeamMemberModel[]> {
    return (await this.tenancy.teamMembers(caller.organisationId, team.id)).map(toTeamMemberModel);
  }

  @Mutation(() => TeamPayload, { nullable: true, description: 'Creates a team; `teamId` is its id. It takes writes once subscribed. ADMINs only.' })
  async createTeam(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team’s name.' }) input: CreateTeamInput): Promise<TeamPayload> {
    const command = new CreateTeamCommand({ name: input.name }, this.commands.context(caller, input.clientMutationId));
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { nullable: true, description: 'Subscribes a team never subscribed, or again after `cancelSubscription` (one subscribed otherwise: SUBSCRIPTION_ALREADY_EXISTS; change it with `changeSubscription`): STARTER (10 seats), GROWTH (50) or UNLIMITED. ADMINs only.' })
  async subscribeTeam(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team, its plan and the starting status.' }) input: SubscribeTeamInput): Promise<TeamPayload> {
    const command = new SubscribeTeamCommand({ teamId: input.teamId, plan: input.plan, status: input.status }, this.commands.context(caller, input.clientMutationId));
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { nullable: true, description: 'Changes a team’s plan and/or status (a plan too small for the team fails with SEAT_LIMIT_REACHED). ADMINs only.' })
  async changeSubscription(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team and what to change.' }) input: ChangeSubscriptionInput): Promise<TeamPayload> {
    const command = new ChangeSubscriptionCommand(
      { teamId: input.teamId, plan: input.plan ?? undefined, status: input.status ?? undefined },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { nullable: true, description: 'Cancels a team’s subscription: the team becomes read-only. ADMINs only.' })
  async cancelSubscription(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team and, optionally, why.' }) input: CancelSubscriptionInput): Promise<TeamPayload> {
    const command = new CancelSubscriptionCommand({ teamId: input.teamId, reason: input.reason ?? null }, this.commands.context(caller, input.clientMutationId));
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { nullable: true, description: 'Puts a member of the organisation on a team with a role; fails with SEAT_LIMIT_REACHED past the plan’s seats. ADMINs only.' })
  async addTeamMember(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team, the member and their role.' }) input: TeamMemberRoleInput): Promise<TeamPayload> {
    const command = new AddTeamMemberCommand(
      { teamId: input.teamId, memberId: input.memberId, role: input.role },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { nullable: true, description: 'Changes a member’s role on a team; making the team’s only LEADER STAFF fails with LAST_TEAM_LEADER (appoint another first). ADMINs only.' })
  async changeTeamRole(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team, the member and their new role.' }) input: TeamMemberRoleInput): Promise<TeamPayload> {
    const command = new ChangeTeamRoleCommand(
      { teamId: input.teamId, memberId: input.memberId, role: input.role },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { nullable: true,
    description:
      'Takes a member off a team, freeing their seat. The only LEADER of a team that takes writes stays until another is appointed (LAST_TEAM_LEADER); ' +
      'leaving the organisation (removeMember) takes them off every team regardless. ADMINs only.',
  })
  async removeTeamMember(@CurrentCaller() caller: Caller, @Args('input', { description: 'The team and the member.' }) input: TeamMemberInput): Promise<TeamPayload> {
    const command = new RemoveTeamMemberCommand({ teamId: input.teamId, memberId: input.memberId }, this.commands.context(caller, input.clientMutationId));
    return this.teamPayload(caller, await this.commands.send(command));
  }

  private async teamPayload(caller: Caller, sent: SentCommand<TeamCommandResult>): Promise<TeamPayload> {
    const team = readAfterWrite(async () => {
      const read = await this.tenancy.team(caller.organisationId, sent.teamId, caller.memberId);
      // A replay answers as the caller is now: an admin made MEMBER since sees no team they are not on.
      return read && canSeeTeam({ orgRole: caller.orgRole, teamRole: read.myRole }) ? toTeamModel(read) : null;
    });
    return { teamId: sent.teamId, team, outcome: toOutcome(sent) };
  }
}
