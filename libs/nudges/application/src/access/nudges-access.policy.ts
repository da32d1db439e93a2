/**
 * Who may see and change what in the nudge context; the read side (queries) applies these, and the
 * deciders hold the same rules for writes. Every member reads the organisation's nudge settings;
 * a member's notification preferences are theirs and the admins'; webhook endpoints are the admins'.
 */
import { ForbiddenError } from '@stepwise/tenancy-domain';

export interface NudgesViewer {
  readonly memberId: string;
  readonly orgRole: 'ADMIN' | 'MEMBER';
}

export const canReadNudgeSettings = (_viewer: NudgesViewer): boolean => true;

export const canReadNotificationPreferences = (viewer: NudgesViewer, memberId: string): boolean =>
  viewer.memberId === memberId || viewer.orgRole === 'ADMIN';

export const canManageWebhookEndpoints = (viewer: NudgesViewer): boolean => viewer.orgRole === 'ADMIN';

export const requireNotificationPreferencesReader = (viewer: NudgesViewer, memberId: string): void => {
  if (!canReadNotificationPreferences(viewer, memberId)) throw new ForbiddenError('Only the member themself or an ADMIN may see these preferences');
};

export const requireWebhookAdmin = (viewer: NudgesViewer): void => {
  if (!canManageWebhookEndpoints(viewer)) throw new ForbiddenError('Only an organisation ADMIN may see webhook endpoints');
};
