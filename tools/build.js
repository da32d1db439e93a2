// Compiles the apps and libraries to JavaScript in dist/ (same tree, path aliases rewritten to
// relative requires), so production processes start without transpiling TypeScript in memory:
// `npm start` and the Docker image run dist/ (stack traces name dist/ lines; the source maps beside
// them apply with NODE_OPTIONS=--enable-source-maps). Type checking stays `npm run typecheck`'s job.
// Skips the compile when no source is newer than the last build (`--force` compiles anyway).
// Builds run one at a time (a lock folder beside dist/: `npm run start:api & npm run start:worker &`
// each build first), each into a folder of its own that then takes dist/'s place, so no process
// starts from a dist/ half deleted or half written.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist');
const stamp = path.join(out, '.built');
const lock = path.join(root, '.dist.lock');
const LOCK_WAIT_MS = 120_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const holderAlive = () => {
  try {
    const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // No pid written yet (the holder is between its two steps), or a holder we may not signal: alive.
    return error.code === 'ENOENT' ? Date.now() - fs.statSync(lock).mtimeMs < 5_000 : error.code === 'EPERM';
  }
};

/** Takes the build lock, waiting for another build to finish; one left by a dead process is taken over. */
const takeLock = async () => {
  const until = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let alive = true;
    try {
      alive = holderAlive();
    } catch {
      continue; // Released while we looked.
    }
    if (!alive) fs.rmSync(lock, { recursive: true, force: true });
    else if (Date.now() > until) throw new Error(`another build (${lock}) has held the lock for over ${LOCK_WAIT_MS / 1000} s`);
    else await sleep(50);
  }
};

const releaseLock = () => fs.rmSync(lock, { recursive: true, force: true });
const { compilerOptions } = require('../tsconfig.base.json');
const swcOptions = require('./swc-options');

const sources = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });

const upToDate = (files) => {
  const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const newest = Math.max(...files.map((file) => fs.statSync(file).mtimeMs), fs.statSync(path.join(root, 'tsconfig.base.json')).mtimeMs);
  return builtAt > newest;
};

const main = async () => {
  const started = Date.now();
  const files = ['apps', 'libs'].flatMap((dir) => sources(path.join(root, dir)));
  const force = process.argv.includes('--force');
  if (!force && upToDate(files)) return;
  await takeLock();
  try {
    // Another build may have finished while this one waited.
    if (!force && upToDate(files)) return;
    await compile(files);
  } finally {
    releaseLock();
  }
  console.error(`built ${files.length} files into dist/ in ${Date.now() - started} ms`);
};

/** Into a folder of its own, which then takes dist/'s place (the old one moved aside and removed). */
const compile = async (files) => {
  // Loaded only when there is something to compile: it is most of an up-to-date check's time.
  const swc = require('@swc/core');
  const building = `${out}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  await Promise.all(
    files.map(async (file) => {
      const { code, map } = await swc.transformFile(file, {
        swcrc: false,
        configFile: false,
        sourceMaps: true,
        module: swcOptions.module,
        jsc: {
          ...swcOptions.jsc,
          baseUrl: root,
          paths: compilerOptions.paths,
          keepClassNames: true,
        },
      });
      const target = path.join(building, path.relative(root, file)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      if (map) fs.writeFileSync(`${target}.map`, map);
    }),
  );
  fs.writeFileSync(path.join(building, '.built'), new Date().toISOString());
  const old = `${out}.old-${process.pid}`;
  if (fs.existsSync(out)) fs.renameSync(out, old);
  fs.renameSync(building, out);
  fs.rmSync(old, { recursive: true, force: true });
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
