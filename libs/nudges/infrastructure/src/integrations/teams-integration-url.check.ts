import { parseTeamsWebhookUrl } from '@stepwise/integrations';
import type { TeamsIntegrationUrlCheck } from '@stepwise/nudges-application';

/** The Teams sender's own URL rule, for the settings command: retired Office 365 connector URLs are refused up front. */
export const teamsIntegrationUrlCheck: TeamsIntegrationUrlCheck = {
  parse: (field, raw, rules) => parseTeamsWebhookUrl(field, raw, { allowPlainHttp: rules.allowPlainHttp }),
};
