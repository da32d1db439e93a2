/** An organisation's nudge settings, folded from its `nudge-settings-<organisationId>` stream. */
import type { NudgeSettingsChanged } from '../nudge-preferences.events';
import { DEFAULT_NUDGE_SETTINGS, type NudgeSettings } from '../nudge-rules';

export interface NudgeSettingsState {
  readonly settings: NudgeSettings;
}

export const initialNudgeSettingsState = (): NudgeSettingsState => ({ settings: DEFAULT_NUDGE_SETTINGS });

export const evolveNudgeSettings = (_state: NudgeSettingsState, event: NudgeSettingsChanged): NudgeSettingsState => ({ settings: event.data.rules });
