/**
 * Which outbound URLs an admin may configure (webhook endpoints, a team's Teams workflow): plain http
 * only where the deployment says so (local development, a test receiver on 127.0.0.1), and, where it
 * does not, no host that no delivery could ever reach (a private or loopback address written into the
 * URL, `localhost`). The domain accepts http and https alike; this is the deployment's call.
 */
import { invalid } from '@stepwise/kernel';

export interface WebhookUrlPolicy {
  readonly allowHttp: boolean;
  /**
   * Whether a URL's hostname is, by itself, an address the outbound filter refuses; asked only when
   * plain http is not allowed (the same setting allows private addresses). Names that merely resolve
   * to one are refused at delivery.
   */
  readonly isNonPublicHost?: (hostname: string) => boolean;
}

export const WEBHOOK_URL_POLICY = Symbol('stepwise.webhook-url-policy');

export const HTTPS_ONLY: WebhookUrlPolicy = { allowHttp: false };

const parsed = (url: unknown): URL | undefined => {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url.trim());
  } catch {
    return undefined;
  }
};

/** Refuses a host no delivery could reach (`URL#hostname`, or an SMTP host); `field` is the input that held it. */
export const assertPublicHost = (policy: WebhookUrlPolicy, field: string, hostname: unknown): void => {
  if (policy.allowHttp || typeof hostname !== 'string') return;
  // A root dot names the same host (`127.0.0.1.`, `localhost.`): a URL's parser drops it, an SMTP host keeps it as typed.
  const host = hostname.trim();
  if (!policy.isNonPublicHost?.(host) && !policy.isNonPublicHost?.(host.replace(/\.$/, ''))) return;
  invalid(field, 'PRIVATE_ADDRESS', `${field} must name a public host: ${hostname.trim()} is a private, loopback or local address, which Stepwise never sends to`);
};

/** Refuses an http URL unless the policy allows it, and a non-public host; anything else malformed is the decider's to name. */
export const assertWebhookUrlAllowed = (policy: WebhookUrlPolicy, url: unknown): void => {
  if (policy.allowHttp) return;
  const target = parsed(url);
  if (!target) return;
  if (target.protocol === 'http:') invalid('url', 'HTTPS_REQUIRED', 'url must start with https://');
  if (target.protocol === 'https:') assertPublicHost(policy, 'url', target.hostname);
};
