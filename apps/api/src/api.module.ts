import { TenantReader } from '@stepwise/database';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ANALYTICS_READ_MODEL } from '@stepwise/analytics-application/read';
import { SqlAnalyticsReadModel } from '@stepwise/analytics-infrastructure';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { CLOCK, EVENT_STORE, ID_GENERATOR } from '@stepwise/command-handling';
import { journeyCommandHandlers } from '@stepwise/journeys-application';
import { JOURNEY_HISTORY_READER, JourneyHistoryReader, JOURNEYS_READ_MODEL } from '@stepwise/journeys-application/read';
import { NUDGE_HISTORY_CHANGES, nudgesCommandHandlers, SendIntegrationTestMessage, TEAMS_INTEGRATION_URL_CHECK, WEBHOOK_URL_POLICY } from '@stepwise/nudges-application';
import {
  CHANNEL_INTEGRATIONS_READ_MODEL,
  CHANNEL_SETTINGS_DIRECTORY,
  INTEGRATION_TEST_MESSAGE_SENDER,
  INTEGRATION_TEST_WEBHOOK_TARGETS,
  MEMBER_REACHABILITY,
  NUDGES_READ_MODEL,
  SECRET_SEALER,
  type SecretSealer,
} from '@stepwise/nudges-application/read';
import {
  ChannelTestMessageSender,
  openSecretBox,
  SqlChannelIntegrationsReadModel,
  SqlChannelSettingsDirectory,
  SqlIntegrationTestWebhookTargets,
  SqlMemberReachability,
  SqlNudgesReadModel,
  teamsIntegrationUrlCheck,
  webhookUrlPolicy,
} from '@stepwise/nudges-infrastructure';
import { SqlJourneysReadModel } from '@stepwise/journeys-infrastructure';
import type { AnswerCache } from '@stepwise/projections';
import { systemClock, uuidGenerator, type Clock, type IdGenerator } from '@stepwise/kernel';
import { NudgeHistoryActions, NudgeHistoryReadModel } from '@stepwise/nudges-infrastructure';
import { PROCESS_METRICS, ProcessMetrics, RUNTIME, type Runtime } from '@stepwise/platform';
import { tenancyCommandHandlers } from '@stepwise/tenancy-application';
import { MEMBERSHIP_DIRECTORY, TENANCY_READ_MODEL } from '@stepwise/tenancy-application/read';
import { CachedMembershipDirectory, SqlTenancyReadModel, StoredTimezones } from '@stepwise/tenancy-infrastructure';
import { CallerGuard } from './auth/caller.guard';
import type { GraphqlContext } from './auth/caller';
import { TokenVerifier } from './auth/token-verifier';
import { CommandSender } from './commands/command-sender';
import { API_CONFIG } from './config/api-config.token';
import type { ApiConfig } from './config/api.config';
import { dateTimeScalarsMap } from './graphql/date-time.scalar';
import { formatGraphqlError } from './graphql/format-error';
import { knownOperationTypeRule } from './graphql/known-operation-type.rule';
import { queryCostPlugin } from './graphql/limits/query-cost.plugin';
import { compiledQueriesPlugin } from './graphql/compiled-queries.plugin';
import { DEFAULT_QUERY_LIMITS, queryLimitsRule } from './graphql/limits/query-limits.rule';
import { StorableTextPipe } from './graphql/storable-text.pipe';
import { HealthController } from './health/health.controller';
import { AnalyticsResolver } from './analytics/analytics.resolver';
import { KeptAnalyticsModels } from './analytics/kept-analytics-models';
import { ANALYTICS_ANSWER_CACHE, openAnalyticsAnswerCache } from './analytics/analytics-answer-cache';
import { JOURNEY_ANSWER_CACHE, KeptJourneysReadModel, openJourneyAnswerCache } from './journeys/kept-journeys.read-model';
import { keptAnswersHearing } from './kept-answers.log';
import { answerLinkControllers, answerLinkProviders } from './answers/answer-link.providers';
import { HealthResolver } from './health/health.resolver';
import { ReadinessService } from './health/readiness.service';
import { RequestDrain } from './http/request-drain.service';
import { graphqlMetricsPlugin } from './metrics/graphql-metrics.plugin';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { JourneyLifecycleResolver } from './journeys/journey-lifecycle.resolver';
import { JourneyPayloads } from './journeys/journey-payloads';
import { JourneyFieldsResolver } from './journeys/journey-fields.resolver';
import { JourneyCommitmentsResolver } from './journeys/journey-commitments.resolver';
import { JourneyReflectionsResolver } from './journeys/journey-reflections.resolver';
import { JourneySupportRequestsResolver } from './journeys/journey-support-requests.resolver';
import { JourneyQueriesResolver } from './journeys/journey-queries.resolver';
import { JourneyStepsResolver } from './journeys/journey-steps.resolver';
import { JourneySupportResolver } from './journeys/journey-support.resolver';
import { JourneyViewerResolver } from './journeys/journey-viewer';
import { JourneyVisionResolver } from './journeys/journey-vision.resolver';
import { NodeResolver } from './node/node.resolver';
import { MemberNotificationPreferencesResolver } from './nudges/member-notification-preferences.resolver';
import { NotificationPreferencesResolver } from './nudges/notification-preferences.resolver';
import { NudgeSettingsResolver } from './nudges/nudge-settings.resolver';
import { WebhookEndpointLifecycleResolver } from './nudges/webhook-endpoint-lifecycle.resolver';
import { WebhookEndpointPayloads } from './nudges/webhook-endpoint-payloads';
import { WebhookEndpointQueriesResolver } from './nudges/webhook-endpoint-queries.resolver';
import { WebhookEndpointsResolver } from './nudges/webhook-endpoints.resolver';
import { WebhookSecretsResolver } from './nudges/webhook-secrets.resolver';
import { IntegrationsQueriesResolver } from './nudges/integrations.queries.resolver';
import { IntegrationsResolver } from './nudges/integrations.resolver';
import { IntegrationsTestMessageResolver } from './nudges/integrations.test-message.resolver';
import { unsubscribeControllers, unsubscribeProviders } from './unsubscribe/unsubscribe.providers';
import { MemberEmailResolver } from './tenancy/member-email.resolver';
import { DeadLettersResolver } from './nudges/dead-letters.resolver';
import { WebhookEndpointDeliveriesResolver } from './nudges/webhook-endpoint-deliveries.resolver';
import { MyNudgesResolver } from './nudges/my-nudges.resolver';
import { NUDGE_HISTORY } from './nudges/my-nudges.tokens';
import { OrganisationResolver } from './tenancy/organisation.resolver';
import { OrganisationSettingsResolver } from './tenancy/organisation-settings.resolver';
import { TeamResolver } from './tenancy/team.resolver';

/** Parsing stops past this many tokens, before validation or execution spend anything. */
const MAX_QUERY_TOKENS = 2_000;

export interface ApiModuleOptions {
  readonly runtime: Runtime;
  readonly config: ApiConfig;
  /** Tests inject a fixed clock and predictable ids. */
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** The process's metrics (the embedded default shares them with the worker); made here when absent. */
  readonly metrics?: ProcessMetrics;
}

/** The api's composition root: HTTP and GraphQL edges wired to the command side and the read models. */
@Module({})
export class ApiModule {
  static register({ runtime, config, clock = systemClock, ids = uuidGenerator, metrics = new ProcessMetrics() }: ApiModuleOptions): DynamicModule {
    const production = config.env === 'production';
    const reader = new TenantReader(runtime.database);
    const keptAnswers = (cache: string) => ({ maxWeight: config.keptAnswersBytes, onHearing: keptAnswersHearing(runtime.logger, cache) });
    return {
      module: ApiModule,
      imports: [
        CqrsModule.forRoot(),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { scalarsMap: dateTimeScalarsMap },
          playground: false,
          // Apollo's own drain (its express driver always adds ApolloServerPluginDrainHttpServer)
          // closes the listener and every idle kept-open connection; stopped at module destroy, it
          // would do so before RequestDrain begins, and a request then sent on a kept-open
          // connection would be cut instead of answered 503 SHUTTING_DOWN. Stopped at application
          // shutdown it runs after RequestDrain and the server's own close.
          stopOnApplicationShutdown: true,
          // Stepwise sets no cache hints and reports to no Apollo service: without these, Apollo
          // instruments every resolved field for cache control (about a tenth of a query's CPU).
          plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginUsageReportingDisabled(), graphqlMetricsPlugin(metrics), queryCostPlugin(DEFAULT_QUERY_LIMITS), compiledQueriesPlugin((executor) => metrics.graphqlExecution(executor))],
          introspection: !production,
          hideSchemaDetailsFromClientErrors: production,
          includeStacktraceInErrorResponses: false,
          parseOptions: { maxTokens: MAX_QUERY_TOKENS },
          validationRules: [knownOperationTypeRule, queryLimitsRule(DEFAULT_QUERY_LIMITS)],
          formatError: formatGraphqlError(runtime.logger, { hideSchemaDetails: production }),
          context: ({ req }: { req: GraphqlContext['req'] }): GraphqlContext => ({ req }),
        }),
      ],
      controllers: [HealthController, MetricsController, ...answerLinkControllers, ...unsubscribeControllers],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: API_CONFIG, useValue: config },
        { provide: PROCESS_METRICS, useValue: metrics },
        { provide: EVENT_STORE, useValue: runtime.eventStore },
        { provide: CLOCK, useValue: clock },
        { provide: ID_GENERATOR, useValue: ids },
        {
          provide: TokenVerifier,
          useFactory: () =>
            TokenVerifier.fromConfig(config.auth, (error) =>
              runtime.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, "the identity provider's keys (JWKS) could not be fetched"),
            ),
        },
        { provide: CachedMembershipDirectory, useFactory: () => CachedMembershipDirectory.open(runtime.database, { onHearing: keptAnswersHearing(runtime.logger, 'memberships') }) },
        { provide: MEMBERSHIP_DIRECTORY, useExisting: CachedMembershipDirectory },
        {
          provide: TENANCY_READ_MODEL,
          useValue: new SqlTenancyReadModel(
            runtime.database,
            reader,
            new StoredTimezones((timezone) =>
              runtime.logger.warn({ timezone }, 'an organisation timezone stored before the timezone rule was tightened is no IANA name; it is read as UTC until an admin sets one'),
            ),
          ),
        },
        { provide: JOURNEY_ANSWER_CACHE, useFactory: () => openJourneyAnswerCache(runtime.database, keptAnswers('journeys')) },
        {
          provide: JOURNEYS_READ_MODEL,
          useFactory: (cache: AnswerCache) => new KeptJourneysReadModel(new SqlJourneysReadModel(reader), cache),
          inject: [JOURNEY_ANSWER_CACHE],
        },
        { provide: JOURNEY_HISTORY_READER, useValue: new JourneyHistoryReader(runtime.eventStore) },
        { provide: ANALYTICS_READ_MODEL, useValue: new SqlAnalyticsReadModel(reader) },
        { provide: ANALYTICS_ANSWER_CACHE, useFactory: () => openAnalyticsAnswerCache(runtime.database, keptAnswers('analytics')) },
        { provide: KeptAnalyticsModels, useValue: new KeptAnalyticsModels() },
        { provide: NUDGES_READ_MODEL, useValue: new SqlNudgesReadModel(reader) },
        { provide: SECRET_SEALER, useFactory: () => openSecretBox(runtime.config.secrets) },
        { provide: WEBHOOK_URL_POLICY, useFactory: () => webhookUrlPolicy(config.webhooks) },
        { provide: TEAMS_INTEGRATION_URL_CHECK, useValue: teamsIntegrationUrlCheck },
        { provide: CHANNEL_INTEGRATIONS_READ_MODEL, useValue: new SqlChannelIntegrationsReadModel(reader) },
        { provide: CHANNEL_SETTINGS_DIRECTORY, useFactory: (sealer: SecretSealer) => new SqlChannelSettingsDirectory(reader, sealer), inject: [SECRET_SEALER] },
        { provide: INTEGRATION_TEST_WEBHOOK_TARGETS, useFactory: (sealer: SecretSealer) => new SqlIntegrationTestWebhookTargets(reader, sealer, clock), inject: [SECRET_SEALER] },
        { provide: MEMBER_REACHABILITY, useValue: new SqlMemberReachability(reader) },
        { provide: INTEGRATION_TEST_MESSAGE_SENDER, useFactory: () => new ChannelTestMessageSender({ ...config.outbound, timeoutMs: config.outbound.sendTimeoutMs, publicUrl: config.answerLinks.publicUrl }) },
        SendIntegrationTestMessage,
        { provide: NUDGE_HISTORY, useValue: new NudgeHistoryReadModel(reader) },
        { provide: NUDGE_HISTORY_CHANGES, useValue: new NudgeHistoryActions(runtime.database, clock) },
        { provide: APP_GUARD, useClass: CallerGuard },
        { provide: APP_PIPE, useClass: StorableTextPipe },
        RequestDrain,
        ...tenancyCommandHandlers,
        ...journeyCommandHandlers,
        ...nudgesCommandHandlers,
        ...answerLinkProviders(runtime, config),
        ...unsubscribeProviders(config),
        CommandSender,
        MetricsService,
        JourneyViewerResolver,
        JourneyPayloads,
        ReadinessService,
        HealthResolver,
        OrganisationResolver,
        OrganisationSettingsResolver,
        TeamResolver,
        JourneyLifecycleResolver,
        JourneyVisionResolver,
        JourneyStepsResolver,
        JourneySupportResolver,
        JourneyQueriesResolver,
        JourneyFieldsResolver,
        JourneySupportRequestsResolver,
        JourneyCommitmentsResolver,
        JourneyReflectionsResolver,
        NodeResolver,
        AnalyticsResolver,
        MemberEmailResolver,
        NudgeSettingsResolver,
        NotificationPreferencesResolver,
        MemberNotificationPreferencesResolver,
        WebhookEndpointPayloads,
        WebhookEndpointQueriesResolver,
        WebhookEndpointsResolver,
        WebhookSecretsResolver,
        WebhookEndpointLifecycleResolver,
        IntegrationsResolver,
        IntegrationsQueriesResolver,
        IntegrationsTestMessageResolver,
        MyNudgesResolver,
        DeadLettersResolver,
        WebhookEndpointDeliveriesResolver,
      ],
    };
  }
}
