/** Slack, Teams and SMTP integrations are the admins' to see and change (the decider holds the same rule for writes). */
import { ForbiddenError } from '@stepwise/tenancy-domain';
import type { NudgesViewer } from '../access/nudges-access.policy';

export const canManageIntegrations = (viewer: NudgesViewer): boolean => viewer.orgRole === 'ADMIN';

export const requireIntegrationAdmin = (viewer: NudgesViewer): void => {
  if (!canManageIntegrations(viewer)) throw new ForbiddenError('Only an organisation ADMIN may see or change Slack, Teams and email integrations');
};
