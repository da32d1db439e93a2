import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Health', { description: 'Readiness of the api and what it depends on.' })
export class HealthModel {
  @Field({ description: '"ready"; "degraded" when Redis is down (nudges wait, everything else works); "unavailable" when the event store is down.' })
  status!: string;

  @Field({ description: '"up" or "down": the event store (PostgreSQL or the embedded PGlite).' })
  eventStore!: string;

  @Field({ description: '"up" or "down": Redis, which carries the nudge queues.' })
  redis!: string;
}
