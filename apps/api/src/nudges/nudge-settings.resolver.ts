import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UpdateNudgeSettingsCommand } from '@stepwise/nudges-application';
import { NUDGES_READ_MODEL, type NudgesReadModel } from '@stepwise/nudges-application/read';
import type { NudgeRuleChange } from '@stepwise/nudges-domain';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { toNudgeSettingsModel } from './nudges.mappers';
import { NudgeRuleSettingInput, NudgeSettingsModel, NudgeSettingsPayload, UpdateNudgeSettingsInput } from './nudge-settings.models';

/** A rule change as the domain reads it: an omitted field (or a null `enabled`) is left as it is; a null delay or threshold is sent as null. */
const toRuleChange = (input: NudgeRuleSettingInput): NudgeRuleChange => ({
  rule: input.rule,
  ...(input.enabled !== undefined && input.enabled !== null && { enabled: input.enabled }),
  ...(input.delayMinutes !== undefined && { delayMinutes: input.delayMinutes }),
  ...(input.threshold !== undefined && { threshold: input.threshold }),
});

/** The organisation's nudge rules: every member reads them, admins change them (the decider enforces it). */
@Resolver(() => NudgeSettingsModel)
export class NudgeSettingsResolver {
  constructor(
    private readonly commands: CommandSender,
    @Inject(NUDGES_READ_MODEL) private readonly nudges: NudgesReadModel,
  ) {}

  @Query(() => NudgeSettingsModel, { description: 'The organisation’s nudge rules, each on or off with its timing and threshold; every member may read them.' })
  async nudgeSettings(@CurrentCaller() caller: Caller): Promise<NudgeSettingsModel> {
    return toNudgeSettingsModel(await this.nudges.nudgeSettings(caller.organisationId));
  }

  @Mutation(() => NudgeSettingsPayload, { nullable: true,
    description: 'Changes some nudge rules; the others stay as they are. Admins only (FORBIDDEN otherwise). A bad value fails with VALIDATION_FAILED naming it (e.g. rules.CONSIDER_PIVOT.threshold) and changes nothing.',
  })
  async updateNudgeSettings(
    @CurrentCaller() caller: Caller,
    @Args('input', { description: 'The rules to change.' }) input: UpdateNudgeSettingsInput,
  ): Promise<NudgeSettingsPayload> {
    const command = new UpdateNudgeSettingsCommand({ rules: input.rules.map(toRuleChange) }, this.commands.context(caller, input.clientMutationId));
    const sent = await this.commands.send(command);
    return { settings: toNudgeSettingsModel(await this.nudges.nudgeSettings(caller.organisationId)), outcome: toOutcome(sent) };
  }
}
