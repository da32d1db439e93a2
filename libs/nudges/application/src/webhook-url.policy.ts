/**
 * Whether a webhook URL may use plain http: only where the deployment says so (local development,
 * a test receiver on 127.0.0.1). The domain accepts http and https alike; this is the deployment's call.
 */
import { invalid } from '@stepwise/kernel';

export interface WebhookUrlPolicy {
  readonly allowHttp: boolean;
}

export const WEBHOOK_URL_POLICY = Symbol('stepwise.webhook-url-policy');

export const HTTPS_ONLY: WebhookUrlPolicy = { allowHttp: false };

/** Refuses an http URL unless the policy allows it; anything else malformed is the decider's to name. */
export const assertWebhookUrlAllowed = (policy: WebhookUrlPolicy, url: unknown): void => {
  if (policy.allowHttp || typeof url !== 'string') return;
  let protocol: string;
  try {
    protocol = new URL(url.trim()).protocol;
  } catch {
    return;
  }
  if (protocol === 'http:') invalid('url', 'HTTPS_REQUIRED', 'url must start with https://');
};
