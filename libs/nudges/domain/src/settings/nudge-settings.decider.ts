/** An organisation's nudge settings: admins turn each rule on or off and set its timings and thresholds. */
import type { EventSourcedDecider } from '@stepwise/kernel';
import { ForbiddenError } from '@stepwise/tenancy-domain';
import { nudgePreferencesEventSchemaVersions, type NudgeSettingsChanged } from '../nudge-preferences.events';
import type { NudgeSettingsCommand, UpdateNudgeSettings } from './nudge-settings.commands';
import { evolveNudgeSettings, initialNudgeSettingsState, type NudgeSettingsState } from './nudge-settings.state';
import { mergedNudgeSettings, sameRuleSettings } from './nudge-settings.validation';

const updateNudgeSettings = ({ data, metadata }: UpdateNudgeSettings, state: NudgeSettingsState): NudgeSettingsChanged[] => {
  if (metadata.actor.orgRole !== 'ADMIN') throw new ForbiddenError('Only an organisation ADMIN may change the nudge settings');
  const rules = mergedNudgeSettings(state.settings, data.rules);
  if (sameRuleSettings(rules, state.settings)) return [];
  return [
    {
      type: 'NudgeSettingsChanged',
      data: { organisationId: data.organisationId, rules, changedBy: metadata.actor.memberId, at: metadata.now.toISOString() },
    },
  ];
};

export const nudgeSettingsDecider: EventSourcedDecider<NudgeSettingsCommand, NudgeSettingsChanged, NudgeSettingsState> = {
  initialState: initialNudgeSettingsState,
  decide: (command, state) => updateNudgeSettings(command, state),
  evolve: evolveNudgeSettings,
  eventSchemaVersions: { NudgeSettingsChanged: nudgePreferencesEventSchemaVersions.NudgeSettingsChanged },
};
