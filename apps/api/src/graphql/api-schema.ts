import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import type { Runtime } from '@stepwise/platform';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { ApiModule } from '../api.module';
import type { ApiConfig } from '../config/api.config';
import { dateTimeScalarsMap } from './date-time.scalar';

/** Set by `@Resolver()` on every GraphQL resolver class (the constant is not part of the public API). */
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';

/**
 * The api's GraphQL schema, built from the same resolver classes the api registers, without a
 * database or a listening server. The schema depends on classes alone, so the module is registered
 * with an empty runtime: nothing in `register` may use it before Nest instantiates providers.
 */
export const buildApiSchema = async (): Promise<GraphQLSchema> => {
  const registered = ApiModule.register({ runtime: {} as Runtime, config: { env: 'development' } as ApiConfig });
  const resolvers = (registered.providers ?? []).filter((provider): provider is Type =>
    typeof provider === 'function' && Reflect.hasMetadata(RESOLVER_TYPE_METADATA, provider),
  );
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    return await context.get(GraphQLSchemaFactory).create(resolvers, { scalarsMap: dateTimeScalarsMap });
  } finally {
    await context.close();
  }
};

/** The schema as SDL in a stable order (types and fields sorted), as committed in apps/api/schema.graphql. */
export const printApiSchema = (schema: GraphQLSchema): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
