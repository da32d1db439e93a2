import { unstorableTextReason, ValidationError } from '@stepwise/kernel';
import { APPEND_LIMITS } from './append.limits';

// NUL cannot be stored in a PostgreSQL text column, and a lone surrogate is stored as U+FFFD, so two
// different ids would name one stream (or one tenant): refuse both before any SQL runs.
const isStorableId = (value: unknown, maxLength: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= maxLength && unstorableTextReason(value) === undefined;

/** Every call names its stream by (tenant, stream); both are checked the same way for reads and writes. */
export const assertStreamKey = (tenantId: unknown, streamId: unknown): void => {
  assertTenantId(tenantId);
  if (!isStorableId(streamId, APPEND_LIMITS.streamIdMaxLength)) {
    throw new ValidationError(`streamId must be 1..${APPEND_LIMITS.streamIdMaxLength} characters of well-formed text without NUL`, { field: 'streamId' });
  }
};

export const assertTenantId = (tenantId: unknown): void => {
  if (!isStorableId(tenantId, APPEND_LIMITS.tenantIdMaxLength)) {
    throw new ValidationError(`tenantId must be 1..${APPEND_LIMITS.tenantIdMaxLength} characters of well-formed text without NUL`, { field: 'tenantId' });
  }
};

export const assertCount = (value: unknown, field: string, max: number): void => {
  if (value === undefined) return;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw new ValidationError(`${field} must be an integer from 1 to ${max}`, { field });
  }
};
