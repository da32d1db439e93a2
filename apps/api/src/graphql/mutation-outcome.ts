import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { SentCommand } from '../commands/command-sender';
import type { CommandResult, DomainEvent } from '@stepwise/command-handling';

@ObjectType({ description: 'What a mutation did to its stream, and whether the read models already show it.' })
export class MutationOutcome {
  @Field({ description: 'The stream the command wrote to.' })
  streamId!: string;

  @Field(() => Int, { description: 'The stream version after the command.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Global log position of the last event the mutation wrote, on whichever stream (a decimal string): removeMember writes the organisation\'s stream (`streamId`, `version`) and then each of the member\'s teams, and this is the last team\'s.' })
  globalPosition!: string | null;

  @Field({ description: 'True when the read models include this write (queries will show it).' })
  projected!: boolean;

  @Field({ description: 'True when this clientMutationId was already applied and nothing new was written.' })
  replayed!: boolean;
}

@ObjectType({
  description:
    'What a mutation that changes a record in place, not through an event stream, did (dismissNudge, replayDeadLetter): ' +
    'its change is visible to queries as soon as it returns.',
})
export class InPlaceMutationOutcome {
  @Field({ description: 'True when the read side includes this write: always, as the record changed in place.' })
  projected!: boolean;

  @Field({ description: 'True when this clientMutationId was already applied and nothing new was written.' })
  replayed!: boolean;
}

export const toInPlaceOutcome = (sent: { readonly replayed: boolean }): InPlaceMutationOutcome => ({ projected: true, replayed: sent.replayed });

export const toOutcome = (sent: SentCommand<CommandResult<DomainEvent>>): MutationOutcome => ({
  streamId: sent.streamId,
  version: sent.version,
  globalPosition: sent.position ? String(sent.position.globalPosition) : null,
  projected: sent.projected,
  replayed: sent.replayed,
});
