import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Health', { description: 'Readiness of the api and what it depends on.' })
export class HealthModel {
  @Field({
    description:
      '"ready"; "degraded" when Redis is down (nudges wait, everything else works), when read models are stopped at an event they cannot apply, or when the identity provider\'s keys cannot be fetched (tokens cannot be checked); "unavailable" when the event store is down.',
  })
  status!: string;

  @Field({ description: '"up" or "down": the event store (PostgreSQL or the embedded PGlite).' })
  eventStore!: string;

  @Field({ description: '"up" or "down": Redis, which carries the nudge queues.' })
  redis!: string;

  @Field({ description: '"up" or "down": the keys bearer tokens are checked against (always up with the local signing key; with an identity provider, down while its JWKS cannot be fetched and none is held).' })
  auth!: string;
}
