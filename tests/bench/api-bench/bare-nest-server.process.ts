/**
 * The baseline of `npm run bench:api`: the smallest NestJS 11 + Apollo 5 server, on the same
 * adapter (Express) and in the same process mode as Stepwise's bench server (NODE_ENV as the parent
 * gives it), with one resolver and nothing else: no guards, interceptors, middleware or plugins.
 * `{ __typename }` against it is what HTTP + Nest + Apollo cost before anything of ours.
 * Forked by the benchmark; sends its url over IPC once listening, closes when the parent goes.
 */
import 'reflect-metadata';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { closeWhenParentGoes, tellParentReady } from '../support/child-rpc.responder';
import type { BareServerReady } from './stepwise-server.protocol';

@Resolver()
class HelloResolver {
  @Query(() => String)
  hello(): string {
    return 'hello';
  }
}

@Module({
  imports: [GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, path: '/graphql', autoSchemaFile: true, playground: false })],
  providers: [HelloResolver],
})
class BareModule {}

const main = async (): Promise<void> => {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  closeWhenParentGoes(() => app.close());
  tellParentReady<BareServerReady>({ type: 'ready', url: `http://127.0.0.1:${port}` });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
