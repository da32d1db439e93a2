import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '@stepwise/kernel';
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

/** Teams, their subscriptions and members. Admins manage them; members see the teams they belong to. */
@Resolver(() => TeamModel)
export class TeamResolver {
  constructor(
    private readonly commands: CommandSender,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
  ) {}

  @Query(() => [TeamModel], { description: 'Admins see every team; members the teams they belong to.' })
  async teams(@CurrentCaller() caller: Caller): Promise<TeamModel[]> {
    const views = await this.tenancy.teams(caller.organisationId, caller.memberId, { onlyMine: listsOnlyOwnTeams(caller.orgRole) });
    return views.map(toTeamModel);
  }

  @Query(() => [TeamModel], { description: 'The teams you belong to, with your role in each.' })
  async myTeams(@CurrentCaller() caller: Caller): Promise<TeamModel[]> {
    return (await this.tenancy.teams(caller.organisationId, caller.memberId, { onlyMine: true })).map(toTeamModel);
  }

  @Query(() => TeamModel)
  async team(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<TeamModel> {
    const view = await this.tenancy.team(caller.organisationId, id, caller.memberId);
    if (!view || !canSeeTeam({ orgRole: caller.orgRole, teamRole: view.myRole })) throw new NotFoundError('TEAM_NOT_FOUND', 'No such team');
    return toTeamModel(view);
  }

  @ResolveField(() => [TeamMemberModel])
  async members(@CurrentCaller() caller: Caller, @Parent() team: TeamModel): Promise<TeamMemberModel[]> {
    return (await this.tenancy.teamMembers(caller.organisationId, team.id)).map(toTeamMemberModel);
  }

  @Mutation(() => TeamPayload, { description: 'Admins only. A team takes writes once subscribed.' })
  async createTeam(@CurrentCaller() caller: Caller, @Args('input') input: CreateTeamInput): Promise<TeamPayload> {
    const command = new CreateTeamCommand({ name: input.name }, this.commands.context(caller, input.clientMutationId));
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { description: 'Admins only: STARTER (10 seats), GROWTH (50) or UNLIMITED.' })
  async subscribeTeam(@CurrentCaller() caller: Caller, @Args('input') input: SubscribeTeamInput): Promise<TeamPayload> {
    const command = new SubscribeTeamCommand({ teamId: input.teamId, plan: input.plan, status: input.status }, this.commands.context(caller, input.clientMutationId));
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { description: 'Admins only: change plan and/or status.' })
  async changeSubscription(@CurrentCaller() caller: Caller, @Args('input') input: ChangeSubscriptionInput): Promise<TeamPayload> {
    const command = new ChangeSubscriptionCommand(
      { teamId: input.teamId, plan: input.plan ?? undefined, status: input.status ?? undefined },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { description: 'Admins only. The team becomes read-only.' })
  async cancelSubscription(@CurrentCaller() caller: Caller, @Args('input') input: CancelSubscriptionInput): Promise<TeamPayload> {
    const command = new CancelSubscriptionCommand({ teamId: input.teamId, reason: input.reason ?? null }, this.commands.context(caller, input.clientMutationId));
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { description: 'Admins only; fails with SEAT_LIMIT_REACHED past the plan’s seats.' })
  async addTeamMember(@CurrentCaller() caller: Caller, @Args('input') input: TeamMemberRoleInput): Promise<TeamPayload> {
    const command = new AddTeamMemberCommand(
      { teamId: input.teamId, memberId: input.memberId, role: input.role },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { description: 'Admins only.' })
  async changeTeamRole(@CurrentCaller() caller: Caller, @Args('input') input: TeamMemberRoleInput): Promise<TeamPayload> {
    const command = new ChangeTeamRoleCommand(
      { teamId: input.teamId, memberId: input.memberId, role: input.role },
      this.commands.context(caller, input.clientMutationId),
    );
    return this.teamPayload(caller, await this.commands.send(command));
  }

  @Mutation(() => TeamPayload, { description: 'Admins only.' })
  async removeTeamMember(@CurrentCaller() caller: Caller, @Args('input') input: TeamMemberInput): Promise<TeamPayload> {
    const command = new RemoveTeamMemberCommand({ teamId: input.teamId, memberId: input.memberId }, this.commands.context(caller, input.clientMutationId));
    return this.teamPayload(caller, await this.commands.send(command));
  }

  private async teamPayload(caller: Caller, sent: SentCommand<TeamCommandResult>): Promise<TeamPayload> {
    const team = await this.tenancy.team(caller.organisationId, sent.teamId, caller.memberId);
    return { teamId: sent.teamId, team: team ? toTeamModel(team) : null, outcome: toOutcome(sent) };
  }
}
