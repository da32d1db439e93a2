import { CodedError, NotFoundError } from '@stepwise/kernel';

/** No such nudge for this member (including another member's, or another tenant's). */
export class NudgeNotFoundError extends NotFoundError {
  constructor() {
    super('NUDGE_NOT_FOUND', 'No such nudge');
  }
}

/** No such delivery in this organisation. */
export class DeliveryNotFoundError extends NotFoundError {
  constructor() {
    super('DELIVERY_NOT_FOUND', 'No such delivery');
  }
}

/** Only a dead delivery can be replayed; this one is pending, delivered or suppressed. */
export class DeliveryNotDeadError extends CodedError {
  constructor(state: string) {
    super('DELIVERY_NOT_DEAD', `Only a dead delivery can be replayed; this one is ${state}`, { state });
  }
}

/** Dead letters are the organisation's admins' to see and replay. */
export class AdminRequiredError extends CodedError {
  constructor() {
    super('FORBIDDEN', 'Only an organisation ADMIN may see and replay dead letters');
  }
}
