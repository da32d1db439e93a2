import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/access.decorator';
import { HealthModel } from './health.model';
import { ReadinessService } from './readiness.service';

@Resolver(() => HealthModel)
export class HealthResolver {
  constructor(private readonly readiness: ReadinessService) {}

  @Public()
  @Query(() => HealthModel, { description: 'Readiness of the api and what it depends on; needs no authentication.' })
  async health(): Promise<HealthModel> {
    const { status, checks } = await this.readiness.check();
    return { status, eventStore: checks.eventStore.status, redis: checks.redis.status, auth: checks.auth.status };
  }
}
