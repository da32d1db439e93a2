import { ProcessMetrics } from '@stepwise/platform';
import { graphqlMetricsPlugin } from './graphql-metrics.plugin';

type Hooks = { willSendResponse(context: unknown): Promise<void> };

/** Runs one request through the plugin as Apollo would, with the parts of the context it reads. */
const request = async (
  plugin: ReturnType<typeof graphqlMetricsPlugin>,
  name: string | undefined,
  errors?: { extensions?: { code?: string } }[],
  identity: { subject: string } | null = { subject: 'member' },
) => {
  const hooks = (await plugin.requestDidStart?.({} as never)) as unknown as Hooks;
  await hooks.willSendResponse({
    operation: { operation: 'query', ...(name !== undefined && { name: { value: name } }) },
    response: { body: { kind: 'single', singleResult: { errors } } },
    contextValue: { req: {}, ...(identity && { identity }) },
  });
};

const counts = async (metrics: ProcessMetrics) => {
  const text = await metrics.text();
  return text.split('\n').filter((line) => line.startsWith('stepwise_graphql_request_duration_seconds_count'));
};

describe('graphqlMetricsPlugin', () => {
  it('labels the outcome ok, by the client error code, or internal', async () => {
    const metrics = new ProcessMetrics();
    const plugin = graphqlMetricsPlugin(metrics);
    await request(plugin, 'Mine');
    await request(plugin, 'Mine', [{ extensions: { code: 'NOT_FOUND' } }]);
    await request(plugin, 'Mine', [{ extensions: { code: 'NOT_FOUND' } }, { extensions: { code: 'INTERNAL' } }]);
    await request(plugin, undefined);
    expect(await counts(metrics)).toEqual([
      'stepwise_graphql_request_duration_seconds_count{operation="Mine",type="query",outcome="ok"} 1',
      'stepwise_graphql_request_duration_seconds_count{operation="Mine",type="query",outcome="NOT_FOUND"} 1',
      'stepwise_graphql_request_duration_seconds_count{operation="Mine",type="query",outcome="internal"} 1',
      'stepwise_graphql_request_duration_seconds_count{operation="anonymous",type="query",outcome="ok"} 1',
    ]);
  });

  it('keeps the operation names a client can invent from growing the series without end', async () => {
    const metrics = new ProcessMetrics();
    const plugin = graphqlMetricsPlugin(metrics);
    for (let index = 0; index < 250; index += 1) await request(plugin, `Op${index}`);
    await request(plugin, 'Op0');
    const lines = await counts(metrics);
    expect(lines).toHaveLength(201);
    expect(lines).toContain('stepwise_graphql_request_duration_seconds_count{operation="Op0",type="query",outcome="ok"} 2');
    expect(lines).toContain('stepwise_graphql_request_duration_seconds_count{operation="other",type="query",outcome="ok"} 50');
  });

  it('spends no operation name on a request without a verified token, so anyone who can reach the api cannot use them up', async () => {
    const metrics = new ProcessMetrics();
    const plugin = graphqlMetricsPlugin(metrics);
    const refused = [{ extensions: { code: 'UNAUTHENTICATED' } }];
    for (let index = 0; index < 250; index += 1) await request(plugin, `Junk${index}`, refused, null);
    await request(plugin, 'Health', undefined, null);
    await request(plugin, 'RealOperation');
    expect(await counts(metrics)).toEqual([
      'stepwise_graphql_request_duration_seconds_count{operation="unauthenticated",type="query",outcome="UNAUTHENTICATED"} 250',
      'stepwise_graphql_request_duration_seconds_count{operation="unauthenticated",type="query",outcome="ok"} 1',
      'stepwise_graphql_request_duration_seconds_count{operation="RealOperation",type="query",outcome="ok"} 1',
    ]);
  });
});
