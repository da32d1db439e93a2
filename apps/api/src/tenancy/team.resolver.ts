import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError, ValidationError } from '@stepwise/kernel';
import { RunTeamCommand, TENANCY_READ_MODEL, type TenancyReadModel } from '@stepwise/tenancy-application';
import type { TeamCommand } from '@stepwise/tenancy-domain';
import type { Unstamped } from '@stepwise/command-handling';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
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
    const views = await this.tenancy.teams(caller.organisationId, caller.memberId, { onlyMine: caller.orgRole !== 'ADMIN' });
    return views.map(toTeamModel);
  }

  @Query(() => [TeamModel], { description: 'The teams you belong to, with your role in each.' })
  async myTeams(@CurrentCaller() caller: Caller): Promise<TeamModel[]> {
    return (await this.tenancy.teams(caller.organisationId, caller.memberId, { onlyMine: true })).map(toTeamModel);
  }

  @Query(() => TeamModel)
  async team(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<TeamModel> {
    const view = await this.tenancy.team(caller.organisationId, id, caller.memberId);
    if (!view || (caller.orgRole !== 'ADMIN' && !view.myRole)) throw new NotFoundError('TEAM_NOT_FOUND', 'No such team');
    return toTeamModel(view);
  }

  @ResolveField(() => [TeamMemberModel])
  async members(@CurrentCaller() caller: Caller, @Parent() team: TeamModel): Promise<TeamMemberModel[]> {
    return (await this.tenancy.teamMembers(caller.organisationId, team.id)).map(toTeamMemberModel);
  }

  @Mutation(() => TeamPayload, { description: 'Admins only. A team takes writes once subscribed.' })
  createTeam(@CurrentCaller() caller: Caller, @Args('input') input: CreateTeamInput): Promise<TeamPayload> {
    const context = this.commands.context(caller, input.clientMutationId);
    const teamId = this.commands.idFor(context, 'team');
    return this.run(caller, context, { type: 'CreateTeam', data: { teamId, organisationId: caller.organisationId, name: input.name } });
  }

  @Mutation(() => TeamPayload, { description: 'Admins only: STARTER (10 seats), GROWTH (50) or UNLIMITED.' })
  subscribeTeam(@CurrentCaller() caller: Caller, @Args('input') input: SubscribeTeamInput): Promise<TeamPayload> {
    if (input.status !== 'TRIALING' && input.status !== 'ACTIVE') {
      return Promise.reject(new ValidationError('A subscription starts TRIALING or ACTIVE', { field: 'status' }));
    }
    return this.run(caller, this.commands.context(caller, input.clientMutationId), {
      type: 'Subscribe',
      data: { teamId: input.teamId, plan: input.plan, status: input.status },
    });
  }

  @Mutation(() => TeamPayload, { description: 'Admins only: change plan and/or status.' })
  changeSubscription(@CurrentCaller() caller: Caller, @Args('input') input: ChangeSubscriptionInput): Promise<TeamPayload> {
    if (input.status === 'CANCELLED') {
      return Promise.reject(new ValidationError('Cancel a subscription with cancelSubscription', { field: 'status' }));
    }
    return this.run(caller, this.commands.context(caller, input.clientMutationId), {
      type: 'ChangeSubscription',
      data: { teamId: input.teamId, ...(input.plan && { plan: input.plan }), ...(input.status && { status: input.status }) },
    });
  }

  @Mutation(() => TeamPayload, { description: 'Admins only. The team becomes read-only.' })
  cancelSubscription(@CurrentCaller() caller: Caller, @Args('input') input: CancelSubscriptionInput): Promise<TeamPayload> {
    return this.run(caller, this.commands.context(caller, input.clientMutationId), {
      type: 'CancelSubscription',
      data: { teamId: input.teamId, reason: input.reason ?? null },
    });
  }

  @Mutation(() => TeamPayload, { description: 'Admins only; fails with SEAT_LIMIT_REACHED past the plan’s seats.' })
  addTeamMember(@CurrentCaller() caller: Caller, @Args('input') input: TeamMemberRoleInput): Promise<TeamPayload> {
    return this.run(caller, this.commands.context(caller, input.clientMutationId), {
      type: 'AddTeamMember',
      data: { teamId: input.teamId, memberId: input.memberId, role: input.role },
    });
  }

  @Mutation(() => TeamPayload, { description: 'Admins only.' })
  changeTeamRole(@CurrentCaller() caller: Caller, @Args('input') input: TeamMemberRoleInput): Promise<TeamPayload> {
    return this.run(caller, this.commands.context(caller, input.clientMutationId), {
      type: 'ChangeTeamRole',
      data: { teamId: input.teamId, memberId: input.memberId, role: input.role },
    });
  }

  @Mutation(() => TeamPayload, { description: 'Admins only.' })
  removeTeamMember(@CurrentCaller() caller: Caller, @Args('input') input: TeamMemberInput): Promise<TeamPayload> {
    return this.run(caller, this.commands.context(caller, input.clientMutationId), {
      type: 'RemoveTeamMember',
      data: { teamId: input.teamId, memberId: input.memberId },
    });
  }

  private async run(caller: Caller, context: ReturnType<CommandSender['context']>, command: Unstamped<TeamCommand>): Promise<TeamPayload> {
    const sent = await this.commands.send(new RunTeamCommand(command, context));
    const team = await this.tenancy.team(caller.organisationId, command.data.teamId, caller.memberId);
    return { teamId: command.data.teamId, team: team ? toTeamModel(team) : null, outcome: toOutcome(sent) };
  }
}
