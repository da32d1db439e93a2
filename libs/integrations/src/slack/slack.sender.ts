/**
 * Sends a nudge to Slack with the official clients: `chat.postMessage` with the organisation's bot
 * token to the member's user id (their direct messages with the bot), or a team's incoming webhook.
 * One attempt per call: the clients are told not to retry or wait on a rate limit, so the delivery
 * processor decides, from the outcome's `retryAfterMs`, when to try again.
 */
import type { IncomingWebhookSendArguments } from '@slack/webhook';
import type { ChannelSender, DeliveryAttempt, DeliveryOutcome } from '../channel';
import { detailExcerpt } from '../detail-excerpt';
import { firstAbort } from '../http/first-abort';
import { urlSecrets, withoutSecrets } from '../secret-scrub';
import { validateSlackMessage } from './block-kit.validator';
import { slackAddressProblem } from './slack-address.check';
import { renderSlackMessage, type SlackMessage, type SlackNudgeMessage, type SlackRenderOptions } from './slack-message.renderer';
import type { SlackAddress, SlackBotAddress, SlackIncomingWebhookAddress } from './slack.address';
import type { SlackAnswer } from './slack-failure.outcome';

export interface SlackSenderOptions {
  /**
   * How requests go out (the clients' own seam, a fetch); global fetch unless given. An HTTP client
   * that refuses private addresses plugs in here.
   */
  readonly fetch?: typeof fetch;
  /** Per request; a timeout is retryable. */
  readonly timeoutMs?: number;
  /**
   * When longer than `timeoutMs`: how long Slack's answer is awaited once the request is sent (the
   * fetch, the filtering one, ends a request not yet sent at `timeoutMs`; see
   * `OutboundHttpOptions.answerTimeoutMs`), within the attempt's lease: a message Slack posted and
   * answered late for would otherwise be posted again by the retry.
   */
  readonly answerTimeoutMs?: number;
  /** Accept http:// addresses (local receivers); https only otherwise. */
  readonly allowPlainHttp?: boolean;
  readonly render?: SlackRenderOptions;
}

/**
 * Slack's clients, and what their failures mean, loaded at the first send: a process that never
 * sends to Slack (the api, a worker whose members are not on Slack) does not hold them (some 10 MB).
 */
const slackClients = () => import('./slack.clients');

const DEFAULT_TIMEOUT_MS = 10_000;
const SLACK_API_URL = 'https://slack.com/api/';
/** Message metadata (readable with `metadata.message:read`) naming the delivery, so a repeat is recognisable. */
const METADATA_EVENT_TYPE = 'stepwise_nudge_delivery';

export class SlackSender implements ChannelSender<SlackNudgeMessage, SlackAddress> {
  readonly channel = 'SLACK' as const;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: SlackSenderOptions = {}) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = Math.max(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.answerTimeoutMs ?? 0);
  }

  async send(message: SlackNudgeMessage, address: SlackAddress, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const addressProblem = slackAddressProblem(address, { allowPlainHttp: this.options.allowPlainHttp });
    if (addressProblem) {
      const { message: detail, reason } = addressProblem;
      return { kind: 'permanent', statusCode: null, detail, disableAddress: false, ...(reason && { reason }) };
    }
    const rendered = renderSlackMessage(message, this.options.render);
    const problems = validateSlackMessage(rendered);
    if (problems.length > 0) {
      const detail = `the message breaks Block Kit rules: ${problems.map(({ path, problem }) => `${path} ${problem}`).join('; ')}`;
      return { kind: 'permanent', statusCode: null, detail, disableAddress: false };
    }
    const metadata = { event_type: METADATA_EVENT_TYPE, event_payload: { delivery_id: attempt.deliveryId, nudge_id: message.nudgeId } };
    // A receiver echoing the request (a proxy, a stand-in) must not put the token or the webhook's secret path into the detail.
    if (address.kind === 'bot') return withoutSecrets(await this.postAsBot(rendered, address, metadata, attempt), [address.token]);
    return withoutSecrets(await this.postToWebhook(rendered, address, metadata, attempt), urlSecrets(address.url));
  }

  private async postAsBot(rendered: SlackMessage, address: SlackBotAddress, metadata: Metadata, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const { WebClient, LogLevel, outcomeOfWebApiFailure } = await slackClients();
    const { answer, fetch } = keepingAnswer(this.fetch, attempt.signal);
    const client = new WebClient(address.token, {
      slackApiUrl: withTrailingSlash(address.apiUrl ?? SLACK_API_URL),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      allowAbsoluteUrls: false,
      timeout: this.timeoutMs,
      fetch,
      logLevel: LogLevel.ERROR,
    });
    try {
      const result = await client.chat.postMessage({
        channel: address.userId,
        text: rendered.text,
        mrkdwn: rendered.mrkdwn,
        blocks: [...rendered.blocks],
        // A one-tap answer link is single-use: Slack must not fetch it to draw a preview.
        unfurl_links: false,
        unfurl_media: false,
        metadata,
      });
      return { kind: 'delivered', statusCode: 200, detail: `posted to ${result.channel ?? address.userId} at ${result.ts ?? 'unknown'}` };
    } catch (error) {
      return outcomeOfWebApiFailure(error, answer, attempt.at);
    }
  }

  private async postToWebhook(rendered: SlackMessage, address: SlackIncomingWebhookAddress, metadata: Metadata, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const { IncomingWebhook, outcomeOfWebhookFailure } = await slackClients();
    const { answer, fetch } = keepingAnswer(this.fetch, attempt.signal);
    const webhook = new IncomingWebhook(address.url, { fetch, timeout: this.timeoutMs, retryConfig: { retries: 0 } });
    // A webhook's payload takes the message fields chat.postMessage takes; the client's type leaves out `mrkdwn`.
    const payload: IncomingWebhookSendArguments & { mrkdwn: boolean } = { text: rendered.text, mrkdwn: rendered.mrkdwn, blocks: [...rendered.blocks], unfurl_links: false, unfurl_media: false, metadata };
    try {
      const result = await webhook.send(payload);
      return { kind: 'delivered', statusCode: answer.status, detail: result.text ? detailExcerpt(result.text) : null };
    } catch (error) {
      return outcomeOfWebhookFailure(error, answer.retryAfter, attempt.at);
    }
  }
}

type Metadata = { event_type: string; event_payload: Record<string, string> };

/**
 * The clients keep an answer's status and body but not its Retry-After as sent (the Web API client
 * reads it its own way, the webhook client not at all): a fetch that keeps both, for the outcome.
 * It also ends the request when the attempt's lease is about to run out (the clients take no signal).
 */
const keepingAnswer = (send: typeof fetch, leaseEnd: AbortSignal | undefined): { answer: SlackAnswer; fetch: typeof fetch } => {
  const answer = { status: null as number | null, retryAfter: null as string | null };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await send(input, leaseEnd ? { ...init, signal: firstAbort(leaseEnd, init?.signal) } : init);
    answer.status = response.status;
    answer.retryAfter = response.headers.get('retry-after');
    return response;
  };
  return { answer, fetch };
};

const withTrailingSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);
