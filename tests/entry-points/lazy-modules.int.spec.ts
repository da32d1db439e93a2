/**
 * Modules a process may never use are loaded when it first needs them, not with the code that
 * could: the api and the worker, as `npm start` composes them, start without Slack's clients or
 * nodemailer (loaded at the first send), BullMQ (loaded when the worker's delivery engine starts;
 * the api never starts one) or PGlite (loaded when an embedded database is opened; on PostgreSQL it
 * never is). Checked in a process of its own, whose module cache is Node's alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const LAZY = ['@slack/web-api', '@slack/webhook', 'nodemailer', 'bullmq', '@electric-sql/pglite'];

it('loads the api and the worker without Slack’s clients, nodemailer, BullMQ or PGlite', () => {
  const script = `
    require('reflect-metadata');
    require('./apps/api/src/index.ts');
    require('./apps/worker/src/index.ts');
    const loaded = new Set(Object.keys(require.cache).map((file) => (/node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(file) ?? [])[1]));
    process.stdout.write(JSON.stringify([...loaded].filter(Boolean)));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ['-r', './tools/register.js', '-e', script], { cwd: root, encoding: 'utf8' })) as string[];
  // The probe sees packages at all: the api's own are there.
  expect(loaded).toEqual(expect.arrayContaining(['@nestjs/core', 'pg']));
  expect(loaded.filter((name) => LAZY.includes(name))).toEqual([]);
});

/**
 * A process entry point reads its settings before it loads the rest of itself: a refused setting is
 * answered in a fraction of a second, not after NestJS, GraphQL and the database drivers have loaded.
 * The compiled entry runs with a preload that lists, as it exits, the packages it had loaded.
 */
it.each([
  ['apps/api/src/main.ts', { STEPWISE_PROT: '3000' }],
  ['apps/worker/src/main.ts', { STEPWISE_PUBLIC_URL: 'stepwise.example.com' }],
  ['apps/stepwise/src/main.ts', { STEPWISE_PORT: 'http' }],
])('%s refuses a bad setting before it loads NestJS, GraphQL or a database driver', (entry, env) => {
  const preload = join(root, 'tests', 'entry-points', 'support', 'list-loaded-packages.js');
  const result = spawnSync(process.execPath, ['-r', preload, join(root, 'dist', entry.replace(/\.ts$/, '.js'))], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('configuration is invalid');
  const loaded = JSON.parse(/^LOADED (.*)$/m.exec(result.stderr)?.[1] ?? 'null') as string[];
  // The probe sees packages at all: the settings' own are there.
  expect(loaded).toContain('zod');
  expect(loaded.filter((name) => ['@nestjs/core', 'graphql', 'pg', '@electric-sql/pglite', 'ioredis', 'express'].includes(name))).toEqual([]);
});
