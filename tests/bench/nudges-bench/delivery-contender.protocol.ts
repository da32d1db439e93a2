/** Messages between the nudge benchmark and a forked delivery contender (Stepwise's engine, or the raw baseline). */
import type { NudgeDeliverySettings } from '@stepwise/nudges-infrastructure';
import type { StaticEndpoint } from '../../support/nudges';

export type ContenderName = 'stepwise' | 'raw';

/** The channels a run's nudges travel on; each has a local receiver of its own. */
export type BenchChannel = 'WEBHOOK' | 'SLACK' | 'TEAMS' | 'EMAIL';

export interface ContenderOptions {
  readonly name: ContenderName;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  /** Jobs run at once (the worker's STEPWISE_NUDGE_CONCURRENCY; the raw baseline's BullMQ concurrency). */
  readonly concurrency: number;
  /** The signing secret of every bench endpoint (the raw baseline signs with it too). */
  readonly webhookSecret: string;
  /** Stepwise's delivery settings: the worker's, read from its configuration with its defaults. */
  readonly settings?: NudgeDeliverySettings;
}

/** A member reached on a channel other than in-app, and the address that channel needs. */
export interface MemberRoute {
  readonly tenantId: string;
  readonly memberId: string;
  readonly channel: Exclude<BenchChannel, 'WEBHOOK'>;
  readonly address: string;
}

/** Where one run's receivers are; a run's tenants are its own, so routes only ever add. */
export interface RunRoutes {
  /** Webhook endpoints, subscribed to `nudge`. */
  readonly endpoints: readonly StaticEndpoint[];
  readonly members: readonly MemberRoute[];
  /** Slack's Web API base on the local receiver, and the bot token it accepts. */
  readonly slack?: { readonly apiUrl: string; readonly token: string };
  /** The local SMTP server. */
  readonly smtp?: { readonly host: string; readonly port: number };
}

/** What the raw baseline's BullMQ job carries: the webhook body as Stepwise sends it, and where to. */
export interface RawWebhookJob {
  readonly webhookId: string;
  readonly url: string;
  /** The JSON body, serialised once (the signature covers these exact bytes). */
  readonly body: string;
}

export const RAW_QUEUE = 'raw-webhooks';

/** `read` is answered with the contender's MeterReading since the last one; the others with nothing. */
export type ContenderRequest = { readonly op: 'prepare'; readonly routes: RunRoutes } | { readonly op: 'read' } | { readonly op: 'close' };

export interface ContenderReady {
  readonly type: 'ready';
  readonly settings: Record<string, unknown>;
}
