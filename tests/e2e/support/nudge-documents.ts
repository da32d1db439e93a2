/**
 * The nudge operations end-to-end specs send (members' nudges, dead letters), typed, beside the
 * shared documents: one change of the nudge schema is one change here.
 */
import type { GraphqlResponse } from '../../support/stepwise-harness';
import type { Connection, Session, StepwiseApi } from './stepwise-api';

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const NUDGE_FIELDS = 'id rule title text state suppressedReason channel journeyId teamId dueAt deliveredAt dismissedAt createdAt';
const DELIVERY_FIELDS = `id kind state channel eventType nudgeId recipientId endpointId suppressedReason attemptCount maxAttempts nextAttemptAt
  lastOutcome lastStatusCode lastDetail lastAttemptAt createdAt finishedAt replays replayedAt replayedBy
  attempts(first: 10) { edges { node { attemptNumber at channel outcome statusCode detail } } }`;

export const NUDGE_DOCUMENTS = {
  myNudges: `query($first: Int, $after: String, $state: NudgeState) {
    myNudges(first: $first, after: $after, state: $state) { edges { cursor node { ${NUDGE_FIELDS} } } ${PAGE_INFO} } }`,
  dismissNudge: `mutation($input: DismissNudgeInput!) { dismissNudge(input: $input) { nudge { ${NUDGE_FIELDS} } outcome { projected replayed } } }`,
  // A literal page size: a nested list under a variable one is costed at the largest page.
  deadLetters: `query($after: String) { deadLetters(first: 10, after: $after) { edges { cursor node { ${DELIVERY_FIELDS} } } ${PAGE_INFO} } }`,
  replayDeadLetter: `mutation($input: ReplayDeadLetterInput!) { replayDeadLetter(input: $input) { delivery { ${DELIVERY_FIELDS} } outcome { projected replayed } } }`,
} as const;

export interface NudgeNode {
  readonly id: string;
  readonly rule: string;
  readonly title: string;
  readonly text: string;
  readonly state: 'SCHEDULED' | 'DELIVERED' | 'SUPPRESSED' | 'DEAD' | 'DISMISSED';
  readonly suppressedReason: string | null;
  readonly channel: string | null;
  readonly journeyId: string | null;
  readonly teamId: string | null;
  readonly dueAt: string;
  readonly deliveredAt: string | null;
  readonly dismissedAt: string | null;
  readonly createdAt: string;
}

export interface DeliveryNode {
  readonly id: string;
  readonly kind: 'MEMBER' | 'WEBHOOK';
  readonly state: string;
  readonly channel: string | null;
  readonly eventType: string | null;
  readonly nudgeId: string | null;
  readonly recipientId: string | null;
  readonly endpointId: string | null;
  readonly attemptCount: number;
  readonly maxAttempts: number;
  readonly lastOutcome: string | null;
  readonly lastStatusCode: number | null;
  readonly replays: number;
  readonly replayedBy: string | null;
  readonly attempts: Connection<{ attemptNumber: number; at: string; channel: string; outcome: string; statusCode: number | null; detail: string | null }>;
}

/** What dismissNudge and replayDeadLetter answer besides the record: whether it was a retry. */
export interface InPlaceOutcome {
  readonly projected: boolean;
  readonly replayed: boolean;
}

export type DismissNudgeResponse = GraphqlResponse<{ dismissNudge?: { nudge: NudgeNode; outcome: InPlaceOutcome } }>;
export type ReplayDeadLetterResponse = GraphqlResponse<{ replayDeadLetter?: { delivery: DeliveryNode; outcome: InPlaceOutcome } }>;

export interface NudgeApi {
  myNudges(as: Session, variables?: { first?: number; after?: string; state?: NudgeNode['state'] }): Promise<Connection<NudgeNode>>;
  dismissNudge(as: Session, nudgeId: string, clientMutationId?: string): Promise<DismissNudgeResponse>;
  deadLetters(as: Session, variables?: { after?: string }): Promise<GraphqlResponse<{ deadLetters?: Connection<DeliveryNode> }>>;
  replayDeadLetter(as: Session, deliveryId: string, clientMutationId?: string): Promise<ReplayDeadLetterResponse>;
}

export const nudgeApi = (api: StepwiseApi): NudgeApi => ({
  async myNudges(as, variables = {}) {
    const response = await api.send(as, NUDGE_DOCUMENTS.myNudges, variables);
    if (response.errors?.length || !response.data) throw new Error(`myNudges failed: ${JSON.stringify(response.errors)}`);
    return response.data.myNudges as Connection<NudgeNode>;
  },
  dismissNudge: (as, nudgeId, clientMutationId) => api.send(as, NUDGE_DOCUMENTS.dismissNudge, { input: { nudgeId, clientMutationId } }) as Promise<DismissNudgeResponse>,
  deadLetters: (as, variables = {}) => api.send(as, NUDGE_DOCUMENTS.deadLetters, variables) as Promise<GraphqlResponse<{ deadLetters?: Connection<DeliveryNode> }>>,
  replayDeadLetter: (as, deliveryId, clientMutationId) =>
    api.send(as, NUDGE_DOCUMENTS.replayDeadLetter, { input: { deliveryId, clientMutationId } }) as Promise<ReplayDeadLetterResponse>,
});
