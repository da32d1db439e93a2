/**
 * Refuses, before any resolver runs, an argument holding text that cannot be stored as sent: a lone
 * UTF-16 surrogate (not Unicode; PostgreSQL refuses it in JSON and turns it into U+FFFD in a text
 * column, so two ids would name one record) or U+0000 (PostgreSQL cannot hold it). GraphQL's parser
 * already refuses both in a query's literals; variables arrive through JSON, which allows them.
 * Registered once for the whole api, so every argument of every field is covered, including fields
 * added later. The error names the field as the commands' own checks do, inside a mutation's `input`
 * (`title`, `expectations[2]`), and other arguments by their names (`id`, `asOf`).
 */
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE, ValidationError } from '@stepwise/kernel';

// What the client sent. @nestjs/graphql hands `@Args()` to pipes as 'body'; 'custom' parameters
// (the caller, the identity) are built by us from the request, and are not walked.
const CLIENT_INPUT: ReadonlySet<ArgumentMetadata['type']> = new Set(['body', 'query', 'param']);

@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!CLIENT_INPUT.has(metadata.type)) return value;
    const bad = findUnstorableText(value, metadata.data ?? '');
    if (bad) {
      const field = bad.path.replace(/^\.|^input\./, '');
      throw new ValidationError(`${field} ${UNSTORABLE_TEXT_MESSAGE[bad.reason]}`, { field, reason: bad.reason });
    }
    return value;
  }
}
