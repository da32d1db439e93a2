/**
 * A row set stands for the statements its operations name, run in turn: given rows stored before
 * the batch, when handlers insert, update, upsert, delete and look up, then the rows written back
 * (and the loads made) are those the statements would have left. The stored rows here are what a
 * load answers; the int specs run the same sets against PostgreSQL and PGlite.
 */
import { RowSet, type RowLoader, type RowRequest } from './row-set';
import type { TableShape } from './table-shape';

type Step = { tenant_id: string; journey_id: string; step_id: string; owner_id: string; status: string; taken_at: string | null };
type Line = { tenant_id: string; journey_id: string; sequence: number; subject_id: string | null; title: string | null };
type Stay = { tenant_id: string; team_id: string; member_id: string; joined_at: string; left_at: string | null };

const steps: TableShape<Step, 'tenant_id' | 'journey_id' | 'step_id'> = {
  name: 'steps',
  key: ['tenant_id', 'journey_id', 'step_id'],
  columns: { tenant_id: 'text', journey_id: 'text', step_id: 'text', owner_id: 'text', status: 'text', taken_at: 'timestamptz' },
};
const lines: TableShape<Line, 'tenant_id' | 'journey_id' | 'sequence'> = {
  name: 'lines',
  key: ['tenant_id', 'journey_id', 'sequence'],
  columns: { tenant_id: 'text', journey_id: 'text', sequence: 'integer', subject_id: 'text', title: 'text' },
  lookups: [['tenant_id', 'journey_id', 'subject_id']],
  immutable: true,
};
const stays: TableShape<Stay, 'tenant_id' | 'team_id' | 'member_id' | 'joined_at'> = {
  name: 'stays',
  key: ['tenant_id', 'team_id', 'member_id', 'joined_at'],
  columns: { tenant_id: 'text', team_id: 'text', member_id: 'text', joined_at: 'timestamptz', left_at: 'timestamptz' },
  lookups: [['tenant_id', 'team_id', 'member_id']],
};

const T = 'tenant-1';

/** As the database compares them: timestamps as instants, the rest as they are. */
const equal = (column: string, a: unknown, b: unknown): boolean => (column.endsWith('_at') ? Date.parse(String(a)) === Date.parse(String(b)) : a === b);

/** Rows stored before the batch, answered to loads as a table would; each load is remembered. */
const table = (stored: Record<string, unknown>[]) => {
  const loads: RowRequest[][] = [];
  const loader: RowLoader = async (_shape, requests) => {
    loads.push([...requests]);
    return stored
      .filter((row) => requests.some((request) => request.columns.every((column, index) => equal(column, row[column], request.values[index]))))
      .map((row) => ({ ...row }));
  };
  return { loader, loads };
};

const step = (stepId: string, changes: Partial<Step> = {}): Step => ({ tenant_id: T, journey_id: 'j1', step_id: stepId, owner_id: 'ada', status: 'PLANNED', taken_at: null, ...changes });
const key = (stepId: string) => ({ tenant_id: T, journey_id: 'j1', step_id: stepId });

describe('a row set', () => {
  it('inserts a row it does not know as insert-if-absent, without loading it', () => {
    const { loader, loads } = table([]);
    const rows = new RowSet(steps, T, loader);
    rows.insert(step('s1'));
    rows.insert(step('s1', { owner_id: 'ben' }));
    expect(rows.changes()).toEqual({ upserts: [], inserts: [step('s1')], deletes: [] });
    expect(loads).toEqual([]);
  });

  it('applies events to one row in turn: planned, then taken, written whole once', async () => {
    const { loader } = table([]);
    const rows = new RowSet(steps, T, loader);
    rows.want(key('s1'), 'key');
    rows.absorb(rows.takeWanted(), []);
    rows.insert(step('s1'));
    await rows.update(key('s1'), { status: 'TAKEN', taken_at: '2026-03-02T10:00:00.000Z' });
    expect(rows.changes()).toEqual({ upserts: [step('s1', { status: 'TAKEN', taken_at: '2026-03-02T10:00:00.000Z' })], inserts: [], deletes: [] });
  });

  it('keeps a stored row when the batch inserts its key again, as ON CONFLICT DO NOTHING does', async () => {
    const { loader, loads } = table([step('s1', { owner_id: 'cy', status: 'TAKEN' })]);
    const rows = new RowSet(steps, T, loader);
    rows.insert(step('s1'));
    expect(await rows.get(key('s1'))).toEqual(step('s1', { owner_id: 'cy', status: 'TAKEN' }));
    expect(loads).toHaveLength(1);
    await rows.update(key('s1'), { status: 'DROPPED' });
    expect(rows.changes().upserts).toEqual([step('s1', { owner_id: 'cy', status: 'DROPPED' })]);
  });

  it('updates nothing where there is no row, and leaves a row a condition does not hold for', async () => {
    const { loader } = table([step('s1')]);
    const rows = new RowSet(steps, T, loader);
    await rows.update(key('missing'), { status: 'TAKEN' });
    await rows.update(key('s1'), (row) => (row.owner_id === 'ben' ? { status: 'TAKEN' } : undefined));
    expect(rows.changes()).toEqual({ upserts: [], inserts: [], deletes: [] });
  });

  it('deletes a stored row by its key, and writes a row deleted and inserted again whole, without deleting it', async () => {
    const { loader } = table([step('s1'), step('s2')]);
    const rows = new RowSet(steps, T, loader);
    await rows.delete(key('s1'));
    await rows.delete(key('s2'));
    rows.insert(step('s2', { owner_id: 'ben' }));
    expect(rows.changes()).toEqual({ upserts: [step('s2', { owner_id: 'ben' })], inserts: [], deletes: [key('s1')] });
  });

  it('upserts the given columns of a stored row, and the whole row where there is none', async () => {
    const { loader } = table([step('s1', { status: 'TAKEN' })]);
    const rows = new RowSet(steps, T, loader);
    await rows.upsert(step('s1', { owner_id: 'ben', status: 'PLANNED' }), ['owner_id']);
    await rows.upsert(step('s2'));
    expect(rows.changes().upserts).toEqual([step('s1', { owner_id: 'ben', status: 'TAKEN' }), step('s2')]);
  });

  it('looks rows up by a declared lookup: stored ones and those the batch inserted, in an immutable table', async () => {
    const { loader, loads } = table([{ tenant_id: T, journey_id: 'j1', sequence: 3, subject_id: 's1', title: 'Run a pilot' }]);
    const rows = new RowSet(lines, T, loader);
    rows.insert({ tenant_id: T, journey_id: 'j1', sequence: 7, subject_id: 's1', title: null });
    rows.insert({ tenant_id: T, journey_id: 'j1', sequence: 8, subject_id: 's2', title: 'Other' });
    const found = await rows.where({ tenant_id: T, journey_id: 'j1', subject_id: 's1' });
    expect(found.map((line) => line.sequence).sort()).toEqual([3, 7]);
    expect(loads).toHaveLength(1);
    expect(rows.changes().inserts.map((line) => line.sequence)).toEqual([7, 8]);
    await expect(rows.get({ tenant_id: T, journey_id: 'j1', sequence: 3 })).rejects.toThrow(/immutable/);
  });

  it('closes the open stay of a member found by lookup, one instant spelt two ways naming one row', async () => {
    const { loader } = table([{ tenant_id: T, team_id: 't1', member_id: 'ada', joined_at: '2026-01-05T09:00:00+00:00', left_at: null }]);
    const rows = new RowSet(stays, T, loader);
    for (const stay of await rows.where({ tenant_id: T, team_id: 't1', member_id: 'ada' })) {
      if (stay.left_at === null) await rows.update(stay, { left_at: '2026-02-01T09:00:00.000Z' });
    }
    rows.insert({ tenant_id: T, team_id: 't1', member_id: 'ada', joined_at: '2026-01-05T09:00:00.000Z', left_at: null });
    expect(rows.changes()).toEqual({
      upserts: [{ tenant_id: T, team_id: 't1', member_id: 'ada', joined_at: '2026-01-05T09:00:00.000Z', left_at: '2026-02-01T09:00:00.000Z' }],
      inserts: [],
      deletes: [],
    });
  });

  it('leaves a row a handler read as it read it, while later changes of the row build on each other', async () => {
    const { loader } = table([step('s1')]);
    const rows = new RowSet(steps, T, loader);
    await rows.update(key('s1'), { status: 'TAKEN' });
    await rows.update(key('s1'), (row) => ({ owner_id: `${row.owner_id}+${row.status}` }));
    const read = await rows.get(key('s1'));
    await rows.update(key('s1'), { status: 'DROPPED' });
    await rows.upsert(step('s1', { owner_id: 'ben' }), ['owner_id']);
    const given = step('s2');
    rows.insert(given);
    await rows.update(key('s2'), { status: 'TAKEN' });
    expect(read).toEqual(step('s1', { owner_id: 'ada+TAKEN', status: 'TAKEN' }));
    expect(given).toEqual(step('s2'));
    expect(rows.changes().upserts).toEqual([step('s1', { owner_id: 'ben', status: 'DROPPED' }), step('s2', { status: 'TAKEN' })]);
  });

  it('moves a row between the value lists of a lookup as updates change it', async () => {
    const byOwner: TableShape<Step, 'tenant_id' | 'journey_id' | 'step_id'> = { ...steps, lookups: [['tenant_id', 'owner_id']] };
    const { loader } = table([step('s1')]);
    const rows = new RowSet(byOwner, T, loader);
    rows.want(key('s1'), 'key');
    rows.absorb(rows.takeWanted(), [step('s1')]);
    await rows.update(key('s1'), { owner_id: 'ben' });
    await rows.update(key('s1'), { status: 'TAKEN' });
    expect(await rows.where({ tenant_id: T, owner_id: 'ben' })).toEqual([step('s1', { owner_id: 'ben', status: 'TAKEN' })]);
    expect(await rows.where({ tenant_id: T, owner_id: 'ada' })).toEqual([]);
  });

  it('refuses a row of another tenant, and an update that changes the key', async () => {
    const { loader } = table([step('s1')]);
    const rows = new RowSet(steps, T, loader);
    expect(() => rows.insert({ ...step('s2'), tenant_id: 'tenant-2' })).toThrow(/tenant-2/);
    await expect(rows.update(key('s1'), { step_id: 's9' })).rejects.toThrow(/key column step_id/);
  });
});
