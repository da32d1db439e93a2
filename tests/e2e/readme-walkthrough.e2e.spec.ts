/**
 * The README's "First requests" walkthrough, extracted from README.md as written and run with bash
 * against `npm start` (a temporary data folder, a free port), so it cannot drift from the api.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descendantsOf, isAlive, LISTENING, repositoryRoot, spawnProcess, type SpawnedProcess } from './support/spawned-process';

/** The one bash block of the README section that starts with `heading`. */
const readmeBlock = (heading: string): string => {
  const readme = readFileSync(join(repositoryRoot(), 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "${heading}" section`);
  const section = readme.slice(start + heading.length + 2).split(/\n## /)[0];
  const blocks = [...section.matchAll(/```bash\n([\s\S]*?)\n```/g)].map((match) => match[1]);
  if (blocks.length !== 1) throw new Error(`"${heading}" should hold one bash block, not ${blocks.length}`);
  return blocks[0];
};

describe("the README's first requests", () => {
  let dir: string;
  let stepwise: SpawnedProcess;
  let port: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-readme-'));
    env = { STEPWISE_DATA_DIR: join(dir, 'data'), STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'key.json') };
    // Port 0: the system picks a free port, and the api logs it. The walkthrough reads its writes
    // back at once; a longer read-your-writes wait keeps that true on a loaded machine.
    stepwise = spawnProcess('npm', ['start'], { ...env, STEPWISE_PORT: '0', STEPWISE_LOG_LEVEL: 'info', STEPWISE_READ_YOUR_WRITES_TIMEOUT_MS: '15000' });
    [, , port] = await stepwise.waitFor(LISTENING);
  }, 60_000);

  afterAll(async () => {
    for (const pid of [stepwise.pid, ...descendantsOf(stepwise.pid)]) if (isAlive(pid)) process.kill(pid, 'SIGTERM');
    await stepwise.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it('runs as written, capturing its own ids, through a step, a reflection and a pivot', () => {
    const script = readmeBlock('## First requests (embedded default)');
    expect(script).toContain('PORT=${STEPWISE_PORT:-3000}');
    // Nothing to fill in by hand, and nothing beyond bash, curl and npm.
    expect(script).not.toMatch(/<[a-z ]*id[a-z ]*>/i);
    expect(script).not.toMatch(/\|\s*jq\b/);

    const output = execFileSync('bash', ['-e', '-c', script], {
      cwd: repositoryRoot(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, ...env, STEPWISE_PORT: port },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });

    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
    for (const name of ['ORG', 'ME', 'TEAM', 'JOURNEY', 'STEP', 'REFLECTION']) expect(output).toMatch(new RegExp(`\\b${name}=${uuid}\\b`));
    expect(output).not.toContain('"errors"');
    // Every response is printed, those whose ids are kept too.
    for (const field of ['createOrganisation', 'createTeam', 'subscribeTeam', 'startJourney', 'planStep', 'takeStep', 'recordReflection', 'makePivot']) {
      expect(output).toContain(`{"data":{"${field}":`);
    }
    const leaderView = output.split('\n').find((line) => line.includes('"teamJourneys"'));
    expect(JSON.parse(leaderView!)).toEqual({
      data: {
        teamJourneys: {
          edges: [
            {
              node: {
                title: 'Feedback that lands',
                status: 'ACTIVE',
                vision: { statement: 'Every student acts on feedback within a week' },
                direction: 'Spoken feedback in class',
                lastStep: { title: 'Comment on the Year 9 drafts', status: 'TAKEN' },
                lastReflection: { closer: 'NO', comfort: 4, note: 'Easy to do; few students read the comments' },
              },
            },
          ],
        },
      },
    });
    const timeline = JSON.parse(output.split('\n').find((line) => line.includes('"journeyTimeline"'))!);
    expect(timeline.data.journeyTimeline.edges.map((edge: { node: { eventType: string } }) => edge.node.eventType)).toEqual([
      'JourneyStarted',
      'VisionArticulated',
      'DirectionSet',
      'StepPlanned',
      'StepTaken',
      'ReflectionRecorded',
      'PivotMade',
    ]);
  }, 90_000);

  it('stops at the first request that fails under bash -e, before it goes on with an id it did not get', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const run = spawnSync('bash', ['-e', '-c', readmeBlock('## First requests (embedded default)')], {
      cwd: repositoryRoot(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, ...env, STEPWISE_PORT: String(closedPort) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toContain('ORG=');
    // One request tried: the first.
    expect(run.stderr.match(/^curl: /gm)).toHaveLength(1);
  }, 90_000);
});
