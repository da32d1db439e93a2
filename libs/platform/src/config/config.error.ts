/** Raised at boot when settings are unknown or malformed; the message names every offending setting. */
export class ConfigError extends Error {
  /** Coded like every other refusal at boot, so a script or supervisor can tell it apart. */
  readonly code = 'CONFIGURATION_INVALID';

  constructor(readonly problems: readonly string[]) {
    super(`Stepwise cannot start, its configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
