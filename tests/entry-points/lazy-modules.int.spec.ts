/**
 * Modules a process may never use are loaded when it first needs them, not with the code that
 * could: the api and the worker, as `npm start` composes them, start without Slack's clients or
 * nodemailer (loaded at the first send), BullMQ (loaded when the worker's delivery engine starts;
 * the api never starts one) or PGlite (loaded when an embedded database is opened; on PostgreSQL it
 * never is). Checked in a process of its own, whose module cache is Node's alone.
 */
import { execFileSync } from 'node:child_process';
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
