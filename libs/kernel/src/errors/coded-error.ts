/**
 * The one error shape that crosses layers: a stable machine-readable `code` (mapped once to
 * GraphQL `extensions.code`), a human message, and optional structured details.
 */
export class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input from outside that is malformed; nothing was changed. */
export class ValidationError extends CodedError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('VALIDATION_FAILED', message, details);
  }
}

/** The object does not exist for this caller (including: it belongs to another tenant). */
export class NotFoundError extends CodedError {
  constructor(code: string, message: string, details?: Readonly<Record<string, unknown>>) {
    super(code, message, details);
  }
}

export const isCodedError = (error: unknown): error is CodedError => error instanceof CodedError;
