import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import { TenantReader } from '@stepwise/database';
import { journeyCommandHandlers } from '@stepwise/journeys-application';
import type { Clock } from '@stepwise/kernel';
import type { Storage } from '@stepwise/platform';
import { tenancyCommandHandlers } from '@stepwise/tenancy-application';
import { TENANCY_READ_MODEL } from '@stepwise/tenancy-application/read';
import { SqlTenancyReadModel } from '@stepwise/tenancy-infrastructure';

/** The command side alone, as the api composes it, on the seed's storage and injected clock. */
@Module({})
export class DemoSeedModule {
  static register(storage: Storage, clock: Clock): DynamicModule {
    return {
      module: DemoSeedModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_STORE, useValue: storage.eventStore },
        { provide: CLOCK, useValue: clock },
        { provide: TENANCY_READ_MODEL, useValue: new SqlTenancyReadModel(storage.database, new TenantReader(storage.database)) },
        ...tenancyCommandHandlers,
        ...journeyCommandHandlers,
      ],
    };
  }
}
