/**
 * Checks a card with Microsoft's Adaptive Cards SDK (the `adaptivecards` package, which holds the
 * card schema as code): what the parser warns about, what validation finds (missing required
 * properties, values outside the schema, versions no host renders), and whether the card survives a
 * parse and re-serialise unchanged, which shows every property sent is one the schema knows.
 */
import { createRequire } from 'node:module';
import type * as AdaptiveCardsSdk from 'adaptivecards';

// The package's ES modules import files without extensions, which Node cannot load; its UMD bundle is the same code.
const sdk = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsSdk;

export interface SdkCardCheck {
  readonly problems: string[];
  /** The card as the SDK understood it, serialised again. */
  readonly roundTrip: unknown;
}

export const checkCardWithSdk = (card: unknown): SdkCardCheck => {
  const parsed = new sdk.AdaptiveCard();
  const context = new sdk.SerializationContext();
  parsed.parse(card, context);
  const parseProblems = Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index).message);
  const validationProblems = parsed.validateProperties().validationEvents.map((event) => event.message);
  return { problems: [...parseProblems, ...validationProblems], roundTrip: parsed.toJSON() };
};
