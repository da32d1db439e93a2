/**
 * Checks of a command's own fields. Each failure is a ValidationError (VALIDATION_FAILED) whose
 * details name the field and the reason, so a client can point at the input that was wrong.
 */
import { ValidationError } from '@stepwise/kernel';

export const invalid = (field: string, reason: string, message: string, extra: Record<string, unknown> = {}): never => {
  throw new ValidationError(message, { field, reason, ...extra });
};

/** A required string, trimmed; 1..max characters after trimming. */
export const requiredText = (field: string, value: unknown, max: number): string => {
  if (typeof value !== 'string') return invalid(field, 'REQUIRED', `${field} is required`);
  const trimmed = value.trim();
  if (trimmed.length === 0) return invalid(field, 'REQUIRED', `${field} must not be blank`);
  if (trimmed.length > max) return invalid(field, 'TOO_LONG', `${field} must be at most ${max} characters`, { max });
  return trimmed;
};

/** An optional string: absent or blank becomes null. */
export const optionalText = (field: string, value: unknown, max: number): string | null =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
    ? null
    : requiredText(field, value, max);

export const oneOf = <T extends string>(field: string, value: unknown, allowed: readonly T[]): T => {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return invalid(field, 'NOT_ALLOWED', `${field} must be one of ${allowed.join(', ')}`, { allowed });
};
