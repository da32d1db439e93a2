/**
 * Every setting a process reads is a row of the README's settings tables, and every row names a
 * setting a process reads: an operator looking up a variable finds it, and one the README lists is
 * never refused as unknown. A row's default is what the process takes when the setting is unset,
 * and a range its meaning states is the range the process accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVERY_SETTING } from '@stepwise/platform';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

const schemas = EVERY_SETTING;

interface Row {
  readonly names: string[];
  readonly defaults: string[];
  readonly meaning: string;
}

/** The settings tables' rows: the settings a row names in its first cell (`STEPWISE_HOST` / `STEPWISE_PORT` names two), its default cell split the same way, its meaning. */
const rows: Row[] = readme
  .split('\n')
  .filter((line) => line.startsWith('| `STEPWISE_'))
  .map((line) => {
    const [, names, defaults, ...meaning] = line.split('|');
    return { names: names.match(/STEPWISE_[A-Z0-9_]+/g) ?? [], defaults: defaults.split(' / ').map((cell) => cell.trim()), meaning: meaning.join('|') };
  });

const documented = new Set(rows.flatMap((row) => row.names));
const read = new Set(Object.keys(schemas));

/** What a process takes for the setting when it is unset, as the README would write it. */
const defaultOf = (name: string): string => {
  const value: unknown = schemas[name].parse(undefined);
  if (value === undefined) return 'unset';
  return Array.isArray(value) ? value.join(',') : String(value);
};

/** The documented default of each setting whose default cell is a literal (`3000`) or `unset`; prose defaults are left to the reader. */
const documentedDefaults = rows.flatMap((row) =>
  row.names.flatMap((name, index) => {
    const cell = row.defaults.length === row.names.length ? row.defaults[index] : row.defaults[0];
    const literal = /^`([^`]*)`$/.exec(cell)?.[1] ?? (cell === 'unset' ? 'unset' : undefined);
    return literal === undefined ? [] : [{ name, literal }];
  }),
);

/** Numeric settings whose meaning states a range: `1–256`, `100 to 120000`. */
const documentedRanges = rows.flatMap((row) => {
  const range = /(\d+)\s*(?:–|to)\s*(\d+)(?![\d ]*(?:letters|characters))/.exec(row.meaning);
  if (!range || row.names.length !== 1 || !/^\d+$/.test(defaultOf(row.names[0]))) return [];
  return [{ name: row.names[0], min: Number(range[1]), max: Number(range[2]) }];
});

it('lists every setting the processes read in a README table', () => {
  expect([...read].filter((key) => !documented.has(key)).sort()).toEqual([]);
});

it('lists no setting the processes do not read', () => {
  expect([...documented].filter((key) => !read.has(key)).sort()).toEqual([]);
});

it('states the default each process takes', () => {
  expect(documentedDefaults.length).toBeGreaterThan(20);
  const wrong = documentedDefaults.filter(({ name, literal }) => read.has(name) && defaultOf(name) !== literal);
  expect(wrong.map(({ name, literal }) => `${name}: README ${literal}, code ${defaultOf(name)}`)).toEqual([]);
});

it('states the range each process accepts', () => {
  expect(documentedRanges.length).toBeGreaterThan(5);
  const accepts = (name: string, value: number) => schemas[name].safeParse(String(value)).success;
  const wrong = documentedRanges.filter(({ name, min, max }) => !accepts(name, min) || !accepts(name, max) || accepts(name, min - 1) || accepts(name, max + 1));
  expect(wrong.map(({ name, min, max }) => `${name}: README ${min}–${max}`)).toEqual([]);
});

it('states a range for every number a process accepts within bounds', () => {
  // A numeric setting is one whose default is a number; its schema refuses some value past a bound.
  const bounded = [...read].filter((name) => /^\d+$/.test(defaultOf(name)) && (!schemas[name].safeParse('0').success || !schemas[name].safeParse(String(Number.MAX_SAFE_INTEGER)).success));
  const ranged = new Set(documentedRanges.map(({ name }) => name));
  const pairs = new Set(rows.filter((row) => row.names.length > 1).flatMap((row) => row.names));
  expect(bounded.filter((name) => !ranged.has(name) && !pairs.has(name)).sort()).toEqual([]);
});
