import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import type { AnswerLinkClaims } from '@stepwise/nudges-domain';
import { ANSWER_LINK_USES, ANSWER_LINK_VERIFIER, type AnswerLinkUses, type AnswerLinkVerifier, type AnswerTapper } from './answer-link.ports';
import { openAnswerLink } from './open-answer-link';

/**
 * What the answer page shows before anything is written: the claims of a link that may still be
 * answered, or the coded reason it may not. Reads only.
 */
@Injectable()
export class AnswerLinkReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ANSWER_LINK_VERIFIER) private readonly verifier: AnswerLinkVerifier,
    @Inject(ANSWER_LINK_USES) private readonly uses: AnswerLinkUses,
  ) {}

  open(token: string, correlationId: string, tapper: AnswerTapper | null = null): Promise<AnswerLinkClaims> {
    return openAnswerLink({ store: this.store, clock: this.clock, verifier: this.verifier, uses: this.uses }, token, correlationId, tapper);
  }
}
