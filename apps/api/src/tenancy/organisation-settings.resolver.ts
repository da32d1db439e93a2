import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UpdateOrganisationSettingsCommand } from '@stepwise/tenancy-application';
import { TENANCY_READ_MODEL, type TenancyReadModel } from '@stepwise/tenancy-application/read';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { OrganisationSettingsModel, OrganisationSettingsPayload, UpdateOrganisationSettingsInput } from './organisation-settings.models';
import { readAfterWrite } from '../graphql/read-after-write';

const present = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

/** The organisation's analytics settings: every member reads them, admins change them (the decider enforces it). */
@Resolver(() => OrganisationSettingsModel)
export class OrganisationSettingsResolver {
  constructor(
    private readonly commands: CommandSender,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
  ) {}

  @Query(() => OrganisationSettingsModel, { description: 'The organisation’s analytics settings; every member may read them.' })
  async organisationSettings(@CurrentCaller() caller: Caller): Promise<OrganisationSettingsModel> {
    const settings = await this.tenancy.settings(caller.organisationId);
    if (!settings) throw new Error('The organisation has no read-model row');
    return settings;
  }

  @Mutation(() => OrganisationSettingsPayload, { nullable: true, description: 'Changes the organisation’s analytics settings. Admins only.' })
  async updateOrganisationSettings(
    @CurrentCaller() caller: Caller,
    @Args('input', { description: 'The settings to change.' }) input: UpdateOrganisationSettingsInput,
  ): Promise<OrganisationSettingsPayload> {
    const command = new UpdateOrganisationSettingsCommand(
      {
        ...(present(input.timezone) && { timezone: input.timezone }),
        ...(present(input.minimumGroupSize) && { minimumGroupSize: input.minimumGroupSize }),
        ...(present(input.stalledAfterDays) && { stalledAfterDays: input.stalledAfterDays }),
        ...(present(input.reflectionWindowHours) && { reflectionWindowHours: input.reflectionWindowHours }),
      },
      this.commands.context(caller, input.clientMutationId),
    );
    const sent = await this.commands.send(command);
    return { settings: readAfterWrite(async () => (await this.tenancy.settings(caller.organisationId)) ?? null), outcome: toOutcome(sent) };
  }
}
