import type { DeliveryAttempt, NudgeMessage } from '../channel';

/** A reflection nudge with three one-tap answers, as the composer will hand it to a channel. */
export const reflectionNudge = (overrides: Partial<NudgeMessage> = {}): NudgeMessage => ({
  nudgeId: 'nudge-1',
  organisationId: 'org-1',
  rule: 'REFLECT_AFTER_STEP',
  recipientId: 'member-1',
  title: 'Did your step bring you closer?',
  text: 'You took a step: "Ask the library for 30 books". Did it bring you closer to the vision?',
  lines: ['You took a step: "Ask the library for 30 books".', 'Did it bring you closer to the vision?'],
  actions: [
    { label: 'Yes', url: 'https://app.stepwise.test/a/yes-token' },
    { label: 'No', url: 'https://app.stepwise.test/a/no-token' },
    { label: 'Unsure', url: 'https://app.stepwise.test/a/unsure-token' },
  ],
  facts: { Journey: 'Reading for pleasure', 'Steps taken': 3 },
  ...overrides,
});

export const attempt = (attemptNumber = 1, deliveryId = 'delivery-1'): DeliveryAttempt => ({
  deliveryId,
  attemptNumber,
  at: new Date('2026-03-02T09:00:00Z'),
});
