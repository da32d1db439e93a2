/**
 * Which URLs can be a Teams Workflows webhook, the same rule the Teams sender applies at send time
 * (retired Office 365 connector URLs are refused with a message saying what to use instead).
 * Implemented in infrastructure with the sender's own check.
 */
export interface TeamsIntegrationUrlCheck {
  /** The URL, normalised; a ValidationError naming `field` otherwise. */
  parse(field: string, raw: unknown, rules: { readonly allowPlainHttp: boolean }): string;
}

export const TEAMS_INTEGRATION_URL_CHECK = Symbol('stepwise.teams-integration-url-check');
