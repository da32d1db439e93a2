import { uuidFromParts } from '@stepwise/kernel';
import type { CommandContext } from './command-context';

/**
 * The id of something a command creates (an organisation, a step…), derived from the command id:
 * a retried command names the same thing, so it cannot create it twice.
 */
export const derivedId = (context: Pick<CommandContext, 'commandId'>, purpose: string): string => uuidFromParts('entity', context.commandId, purpose);
