/**
 * The worker's statements per reflection (reflections sent one at a time), counted where
 * node-postgres sends them: the read models, analytics and the nudge policy each apply it in one
 * transaction of four round trips (BEGIN with the role and tenant, one load, one write of every
 * table with the checkpoint, COMMIT; the row projections' load and write each go as a pipeline led by
 * the tenant's setting); the webhook fan-out, with no endpoint subscribed, moves its
 * checkpoint in one statement, without a transaction.
 */
import { recordTransactions, type TransactionRecorder } from '../support/transaction.recorder';
import { startStepwise, type Stepwise } from '../support/stepwise-harness';
import { buildOrg, startJourney, takenStep, type OrgFixture } from './support/org-builder';
import { stepwiseApi, type StepwiseApi } from './support/stepwise-api';

const PROCESSORS = ['read-models', 'analytics', 'nudge-policy'];

describe('worker statements per reflection', () => {
  let stepwise: Stepwise;
  let api: StepwiseApi;
  let org: OrgFixture;
  let journeyId: string;
  let recorder: TransactionRecorder;

  beforeAll(async () => {
    recorder = recordTransactions();
    stepwise = await startStepwise();
    api = stepwiseApi(stepwise);
    org = await buildOrg(api, { label: 'statements', staff: 2 });
    journeyId = await startJourney(api, org);
    await takenStep(api, org.staff[0], journeyId, 'Count the statements');
  }, 60_000);

  afterAll(async () => {
    recorder?.stop();
    await stepwise?.close();
  });

  /** Resolves once every processor's checkpoint has reached `position`. */
  const projected = async (position: number): Promise<void> => {
    for (;;) {
      const { rows } = await stepwise.runtime.storage.database.query<{ global_position: string }>(
        'SELECT global_position FROM es_checkpoints WHERE processor = ANY($1)',
        [[...PROCESSORS, 'webhook-fan-out']],
      );
      if (rows.length === PROCESSORS.length + 1 && rows.every((row) => Number(row.global_position) >= position)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('applies a reflection in four round trips per processor, and the fan-out’s checkpoint alone without a transaction', async () => {
    // Two reflections first, so that the statements below are ones the processors prepare. A pooled
    // connection prepares a statement text the first time it runs it prepared, in a round trip of its
    // own (Parse): those are counted apart, as preparation, and only ever precede the statement.
    for (const closer of ['YES', 'UNSURE']) {
      await projected(Number((await api.mutate(org.staff[0], 'recordReflection', { journeyId, closer, comfort: 4 })).outcome.globalPosition));
    }
    recorder.clear();
    const { outcome } = await api.mutate(org.staff[0], 'recordReflection', { journeyId, closer: 'NO', comfort: 2 });
    await projected(Number(outcome.globalPosition));
    const of = (processor: string) => recorder.transactions.filter((statements) => statements.some(({ values }) => values.includes(processor)));
    for (const processor of PROCESSORS) {
      const [recorded, ...more] = of(processor);
      const transaction = recorded.filter(({ parseOnly }) => !parseOnly);
      for (const [index, { text }] of recorded.entries()) {
        if (recorded[index].parseOnly) expect(recorded.slice(index + 1).some((later) => !later.parseOnly && later.text.includes(text))).toBe(true);
      }
      expect({ processor, more: more.length, statements: transaction.map(({ text }) => text.replace(/^SELECT set_config\('[a-z_.]+', \$1, true\); /, '').slice(0, 40)) }).toEqual({
        processor,
        more: 0,
        statements: [expect.stringMatching(/^BEGIN; SELECT set_config\(/), expect.stringMatching(/^(SELECT|WITH) /), expect.stringMatching(/^WITH w0 AS \(/), 'COMMIT'],
      });
    }
    expect(of('webhook-fan-out')).toEqual([]);
  });
});
