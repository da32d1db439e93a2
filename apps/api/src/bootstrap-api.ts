import type { ApolloServer } from '@apollo/server';
import type { ApolloDriver } from '@nestjs/apollo';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestPinoLogger } from '@stepwise/platform';
import { AnswerLinkInvalidError, UnsubscribeLinkInvalidError } from '@stepwise/nudges-domain';
import { ANSWER_PATH, UNSUBSCRIBE_PATH } from '@stepwise/nudges-infrastructure';
import { ApiModule, type ApiModuleOptions } from './api.module';
import { listenFailed } from './config/check-listen-address';
import { refusedPage } from './answers/answer-page.html';
import { describeCodedRefusal } from './answers/answer-refusal';
import { pageBody } from './answers/page-body';
import { SLACK_INTERACTIONS_PATH, slackRawBody } from './answers/slack-raw-body';
import { GraphqlErrorsFilter } from './graphql/graphql-errors.filter';
import { GRAPHQL_PATH, graphqlJsonBody, graphqlPathOnly, graphqlRequestShape, JSON_BODY_LIMIT } from './graphql/graphql-request-shape.middleware';
import { answerClientErrors } from './http/client-errors.listener';
import { graphqlCors } from './http/cors.middleware';
import { installGraphqlEdge } from './http/graphql-edge';
import { requestContext } from './http/request-context.middleware';
import { applyServerTimeouts } from './http/server-timeouts';
import { answerUnservedRequests } from './http/unserved-requests.listener';
import { unsubscribeRefusedPage } from './unsubscribe/unsubscribe-page.html';

/** Builds and starts the api on a runtime; used by the api process, the embedded default and tests. */
export const bootstrapApi = async (options: ApiModuleOptions): Promise<NestExpressApplication> => {
  const { runtime, config } = options;
  const http = config.http;
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(options), {
    logger: new NestPinoLogger(runtime.logger.child({ component: 'nest' })),
    bodyParser: true,
    // A provider that fails (a key file that cannot be read) reaches the caller, which says why and exits.
    abortOnError: false,
  });
  app.use(requestContext(runtime.logger));
  app.use(SLACK_INTERACTIONS_PATH, slackRawBody);
  app.use(`/${ANSWER_PATH}`, pageBody(refusedPage, describeCodedRefusal(new AnswerLinkInvalidError('MALFORMED'), 'link-holder')));
  app.use(`/${UNSUBSCRIBE_PATH}`, pageBody(unsubscribeRefusedPage, new UnsubscribeLinkInvalidError('MALFORMED')));
  app.use(GRAPHQL_PATH, ...(config.cors.origins.length > 0 ? [graphqlCors(config.cors.origins)] : []), graphqlPathOnly, graphqlJsonBody, graphqlRequestShape);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.disable('x-powered-by');
  // No entity tags: every answer is a POST's or a one-time page's, never revalidated, and Express
  // would hash each body to make one (measurable under the analytics queries' larger answers).
  app.set('etag', false);
  app.useGlobalFilters(new GraphqlErrorsFilter(app.getHttpAdapter()));
  // Apollo starts with the application (at listen).
  let apollo: ApolloServer | undefined;
  installGraphqlEdge(app.getHttpServer(), () => (apollo ??= app.get<GraphQLModule<ApolloDriver>>(GraphQLModule, { strict: false }).graphQlAdapter.instance), runtime.logger, config.cors.origins);
  // Outside the edge: a request whose Host headers name no one host is refused before either reads it.
  answerUnservedRequests(app.getHttpServer(), runtime.logger);
  applyServerTimeouts(app.getHttpServer(), http.timeouts);
  answerClientErrors(app.getHttpServer(), runtime.logger, http.timeouts);
  await app.listen(http.port, http.host).catch((error: unknown) => {
    // An address that is taken, not this machine's, or not allowed is the settings' to fix.
    throw listenFailed(http.host, http.port, error);
  });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  runtime.logger.info({ url: `http://${http.host}:${port}/graphql` }, 'api listening');
  return app;
};
