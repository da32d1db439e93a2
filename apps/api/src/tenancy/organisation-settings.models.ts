import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { MutationOutcome } from '../graphql/mutation-outcome';
import { MutationInput } from './tenancy.inputs';
import type { ReadAfterWrite } from '../graphql/read-after-write';

@ObjectType('OrganisationSettings', { description: 'How analytics read the organisation: its weeks, its privacy threshold, what counts as stalled or in time.' })
export class OrganisationSettingsModel {
  @Field({ description: 'IANA timezone; analytics weeks start Monday 00:00 here.' })
  timezone!: string;

  @Field(() => Int, {
    description: 'Analytics above one team, and any breakdown by person, are suppressed in a cell where fewer distinct people than this answered (2-50).',
  })
  minimumGroupSize!: number;

  @Field(() => Int, { description: 'An active journey with no step taken for this many days counts as stalled.' })
  stalledAfterDays!: number;

  @Field(() => Int, { description: 'A reflection on a step within this many hours of its takenAt counts for loop discipline.' })
  reflectionWindowHours!: number;

  @Field(() => Date, { nullable: true, description: 'When an admin last changed them; null while the defaults hold.' })
  updatedAt!: Date | null;
}

@InputType({ description: 'Settings to change; omitted fields stay as they are.' })
export class UpdateOrganisationSettingsInput extends MutationInput {
  @Field(() => String, { nullable: true, description: 'IANA timezone, e.g. "Europe/London"; a name without a region ("GB") or an old link ("US/Pacific") is stored as the zone it stands for; an abbreviation that is no IANA name ("PST", "IST") fails with VALIDATION_FAILED.' })
  timezone?: string | null;

  @Field(() => Int, { nullable: true, description: 'Between 2 and 50.' })
  minimumGroupSize?: number | null;

  @Field(() => Int, { nullable: true, description: 'Between 1 and 365.' })
  stalledAfterDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Between 1 and 720.' })
  reflectionWindowHours?: number | null;
}

@ObjectType({ description: 'The result of updateOrganisationSettings.' })
export class OrganisationSettingsPayload {
  @Field(() => OrganisationSettingsModel, { nullable: true, description: 'The settings after the change; null only if the read models had not caught up in time. Null too, with an error on this field alone (such as DATABASE_UNAVAILABLE), if it could not be read after the write.' })
  settings!: ReadAfterWrite<OrganisationSettingsModel | null>;

  @Field(() => MutationOutcome, { description: 'Where the change was recorded.' })
  outcome!: MutationOutcome;
}
