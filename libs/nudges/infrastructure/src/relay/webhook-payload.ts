/**
 * What a customer webhook receives: `{ type, timestamp, data }` (Standard Webhooks). A webhook is an
 * organisation-wide integration, so it carries only what the organisation may see of everyone:
 * a person's comfort and reflection notes stay with them and their team's leaders, what a member
 * said they need or were told when asking for support stays in the app, and a member's notification
 * preferences (their channels' addresses, opt-outs and cap) are theirs and their admins' to read. Those fields are left out,
 * of domain events and of nudge facts alike. A nudge owed because one member's comfort was low
 * (SUPPORT_LOW_COMFORT) is not sent at all: its rule with its subject (the reflection, the member,
 * the time) says that person's comfort was at most the threshold, whatever its facts leave out. A
 * member's name (`memberName`, in a support request's nudge) goes out as their id does: who is in
 * the organisation, and that they asked for support, the team already sees. A nudge's actions are
 * not sent either: its one-tap answer links act for its member, and a webhook is the organisation's.
 */
import type { RecordedEvent } from '@stepwise/event-store';
import type { JourneyEvent } from '@stepwise/journeys-domain';
import { deliverableEventData, DIGEST_LINES_OUTSIDE_FACT, DIGEST_TEAMS_FACT, digestTeamsOf, type NudgePreferencesEvent, type OwedNudge } from '@stepwise/nudges-domain';
import { NUDGE_WEBHOOK_TYPE, type WebhookPayload } from '../delivery/delivery.ports';
import { renderNudgeMessage } from '../delivery/nudge-message.renderer';

type PrivatelyHeldEvent = JourneyEvent | NudgePreferencesEvent;
type PrivatelyHeldType = PrivatelyHeldEvent['type'];
type DataFieldOf<Type extends PrivatelyHeldType> = keyof Extract<PrivatelyHeldEvent, { type: Type }>['data'];

/**
 * Per event type, the data fields no webhook receives. Typed by the events' data, so renaming or
 * removing one of these fields fails to compile here; a new private field must be added here, or
 * webhooks carry it (the event store's README, "How to change an event").
 */
const PRIVATE_EVENT_FIELDS: { readonly [Type in PrivatelyHeldType]?: readonly DataFieldOf<Type>[] } = {
  ReflectionRecorded: ['comfort', 'note'],
  SupportRequested: ['need'],
  SupportOffered: ['message'],
  // That a member changed them goes out; what they changed them to stays with them and admins.
  NotificationPreferencesChanged: ['channels', 'optedOut', 'dailyCap'],
};

const privateFieldsOf = (type: string): readonly string[] => (PRIVATE_EVENT_FIELDS as Readonly<Record<string, readonly string[] | undefined>>)[type] ?? [];

/** Nudge facts never sent out: any named like a comfort score or a note. */
const PRIVATE_FACT = /comfort|note/i;

/** A weekly digest's per-journey lines give each journey's mean comfort, of as few as one person. */
const isPrivateFact = (nudge: OwedNudge, key: string): boolean => PRIVATE_FACT.test(key) || (nudge.rule === 'WEEKLY_DIGEST' && (key === 'lines' || key === DIGEST_LINES_OUTSIDE_FACT));

const without = (data: Readonly<Record<string, unknown>>, fields: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data).filter(([key]) => !fields.includes(key)));

/** When the fact happened: the event's own `at` (the command's time) where it has one, else when it was recorded. */
const happenedAt = (event: RecordedEvent): string => {
  const at = (event.data as { at?: unknown }).at;
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : event.recordedAt.toISOString();
};

export const domainEventPayload = (event: RecordedEvent): WebhookPayload => ({
  type: event.type,
  timestamp: happenedAt(event),
  data: {
    eventId: event.id,
    organisationId: event.tenantId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    actorId: event.metadata.actorId ?? null,
    // A webhook endpoint's own events go without their sealed secrets.
    event: without(deliverableEventData(event.type, event.data), privateFieldsOf(event.type)),
  },
});

/** Rules whose nudges no webhook receives: being owed at all tells one person's comfort. */
const RULES_NO_WEBHOOK_RECEIVES: ReadonlySet<string> = new Set(['SUPPORT_LOW_COMFORT']);

/** Whether endpoints subscribed to `nudge` are sent this one. */
export const webhooksMayCarry = (nudge: OwedNudge): boolean => !RULES_NO_WEBHOOK_RECEIVES.has(nudge.rule);

/** Facts as a receiver reads them: a weekly digest's teams as a list of ids, not as the text a nudge keeps them in (its facts are flat). */
const outgoingFacts = (nudge: OwedNudge, facts: OwedNudge['facts']): Record<string, unknown> =>
  nudge.rule === 'WEEKLY_DIGEST' && DIGEST_TEAMS_FACT in facts ? { ...facts, [DIGEST_TEAMS_FACT]: digestTeamsOf(nudge) ?? [] } : facts;

/**
 * A nudge as a webhook receives it: its facts less the private ones, and its words rendered from
 * those facts alone, so the words cannot say what the facts leave out.
 */
export const nudgePayload = (nudge: OwedNudge, owedAt: Date): WebhookPayload => {
  const facts = Object.fromEntries(Object.entries(nudge.facts).filter(([key]) => !isPrivateFact(nudge, key)));
  const message = renderNudgeMessage({ ...nudge, facts });
  return {
    type: NUDGE_WEBHOOK_TYPE,
    timestamp: owedAt.toISOString(),
    data: {
      nudgeId: nudge.nudgeId,
      organisationId: nudge.organisationId,
      rule: nudge.rule,
      recipientId: nudge.recipientId,
      journeyId: nudge.subject.journeyId,
      teamId: nudge.subject.teamId,
      subjectId: nudge.subject.subjectId,
      dueAt: nudge.dueAt,
      title: message.title,
      text: message.text,
      lines: message.lines,
      facts: outgoingFacts(nudge, facts),
    },
  };
};
