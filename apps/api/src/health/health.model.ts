import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Health', { description: 'Readiness of the api and what it depends on.' })
export class HealthModel {
  @Field({ description: 'ready, degraded (no Redis: nudges wait) or unavailable (no event store)' })
  status!: string;

  @Field({ description: 'up or down' })
  eventStore!: string;

  @Field({ description: 'up or down' })
  redis!: string;
}
