import { SetMetadata } from '@nestjs/common';

/**
 * Who may call an operation. `member` (the default): a verified token and membership of the
 * organisation named by the `x-organisation-id` header. `identity`: a verified token only (creating
 * an organisation, listing mine). `public`: anyone (health).
 */
export type Access = 'public' | 'identity' | 'member';

export const ACCESS_KEY = 'stepwise.access';

export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies Access);
export const IdentityOnly = () => SetMetadata(ACCESS_KEY, 'identity' satisfies Access);
