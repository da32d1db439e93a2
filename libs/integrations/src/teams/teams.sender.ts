/**
 * Sends a nudge to a Teams channel through the team's Workflows webhook: one POST of an Adaptive
 * Card, no retries and no redirects followed; the outcome says whether and when to try again.
 * Retired Office 365 connector URLs are refused before anything is sent.
 */
import type { ChannelSender, DeliveryAttempt, DeliveryOutcome, NudgeMessage } from '../channel';
import { outboundFailureReasonOf, outboundRefusalIn } from '../http/outbound-refusal';
import { firstAbort } from '../http/first-abort';
import { renderAdaptiveCard, teamsWorkflowMessage, type AdaptiveCardRenderOptions } from './adaptive-card.renderer';
import { validateTeamsWorkflowMessage } from './adaptive-card.validator';
import { outcomeOfTeamsAnswer } from './teams-answer.outcome';
import { checkTeamsWebhookUrl } from './teams-webhook.url';
import type { TeamsAddress } from './teams.address';
import { urlSecrets, withoutSecrets } from '../secret-scrub';

export interface TeamsSenderOptions {
  /** How the request goes out; global fetch unless given. An HTTP client that refuses private addresses plugs in here. */
  readonly fetch?: typeof fetch;
  /** For the whole exchange; a timeout is retryable. */
  readonly timeoutMs?: number;
  /**
   * When longer than `timeoutMs`: how long the webhook's answer is awaited once the card is sent (the
   * fetch, the filtering one, ends a request not yet sent at `timeoutMs`; see
   * `OutboundHttpOptions.answerTimeoutMs`), within the attempt's lease.
   */
  readonly answerTimeoutMs?: number;
  /** Accept http:// webhook URLs (local receivers); https only otherwise. */
  readonly allowPlainHttp?: boolean;
  readonly render?: AdaptiveCardRenderOptions;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class TeamsSender implements ChannelSender<NudgeMessage, TeamsAddress> {
  readonly channel = 'TEAMS' as const;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: TeamsSenderOptions = {}) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async send(message: NudgeMessage, address: TeamsAddress, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    // The Workflows URL's path and signature are its credential: never in a detail, however the receiver echoes them.
    return withoutSecrets(await this.post(message, address, attempt), urlSecrets(address.url));
  }

  private async post(message: NudgeMessage, address: TeamsAddress, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const url = checkTeamsWebhookUrl(address.url, { allowPlainHttp: this.options.allowPlainHttp });
    if (!url.ok) return { kind: 'permanent', statusCode: null, detail: url.message, disableAddress: false, reason: url.problem };
    const payload = teamsWorkflowMessage(renderAdaptiveCard(message, this.options.render));
    const problems = validateTeamsWorkflowMessage(payload);
    if (problems.length > 0) {
      const detail = `the card breaks Adaptive Card rules: ${problems.map(({ path, problem }) => `${path} ${problem}`).join('; ')}`;
      return { kind: 'permanent', statusCode: null, detail, disableAddress: false };
    }
    try {
      const response = await this.fetch(url.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        redirect: 'manual',
        signal: firstAbort(AbortSignal.timeout(Math.max(this.timeoutMs, this.options.answerTimeoutMs ?? 0)), attempt.signal),
      });
      const body = await response.text();
      return outcomeOfTeamsAnswer(response.status, body, response.headers.get('retry-after'), attempt.at);
    } catch (error) {
      // A refused address (private, a redirect the filter will not follow) stays refused: permanent.
      const refusal = outboundRefusalIn(error);
      if (refusal) return { kind: 'permanent', statusCode: null, detail: `the address was refused: ${refusal.code}: ${refusal.message}`, disableAddress: false, reason: refusal.reason };
      return {
        kind: 'retryable',
        statusCode: null,
        detail: `no answer from the Teams webhook: ${describeError(error, Math.max(this.timeoutMs, this.options.answerTimeoutMs ?? 0))}`,
        retryAfterMs: null,
        reason: outboundFailureReasonOf(error),
      };
    }
  }
}

const describeError = (error: unknown, timeoutMs: number): string => {
  // Whichever timer ended it (this send's, or the address-filtering request's own deadline, set alike), it says the same.
  if ((error instanceof DOMException && error.name === 'TimeoutError') || outboundFailureReasonOf(error) === 'TIMEOUT') return `no answer within ${timeoutMs} ms`;
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : undefined;
  return code ? `${error.message} (${code})` : error.message;
};
