import { isNonPublicHost } from '@stepwise/integrations';
import type { WebhookUrlPolicy } from '@stepwise/nudges-application';

/** The settings commands' URL rule with the outbound filter's own idea of a host it would refuse. */
export const webhookUrlPolicy = (settings: { readonly allowHttp: boolean }): WebhookUrlPolicy => ({ allowHttp: settings.allowHttp, isNonPublicHost });
