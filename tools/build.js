// Compiles the apps and libraries to JavaScript in dist/ (same tree, path aliases rewritten to
// relative requires), so production processes start without transpiling TypeScript in memory:
// `npm start` and the Docker image run dist/ (stack traces name dist/ lines; the source maps beside
// them apply with NODE_OPTIONS=--enable-source-maps). Type checking stays `npm run typecheck`'s job.
// Skips the compile when no source is newer than the last build (`--force` compiles anyway).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist');
const stamp = path.join(out, '.built');
const { compilerOptions } = require('../tsconfig.base.json');
const swcOptions = require('./swc-options');

const sources = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });

const main = async () => {
  const started = Date.now();
  const files = ['apps', 'libs'].flatMap((dir) => sources(path.join(root, dir)));
  const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const newest = Math.max(...files.map((file) => fs.statSync(file).mtimeMs), fs.statSync(path.join(root, 'tsconfig.base.json')).mtimeMs);
  if (!process.argv.includes('--force') && builtAt > newest) return;
  // Loaded only when there is something to compile: it is most of an up-to-date check's time.
  const swc = require('@swc/core');
  fs.rmSync(out, { recursive: true, force: true });
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
      const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      if (map) fs.writeFileSync(`${target}.map`, map);
    }),
  );
  fs.writeFileSync(stamp, new Date().toISOString());
  console.error(`built ${files.length} files into dist/ in ${Date.now() - started} ms`);
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
