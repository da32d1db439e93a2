// Preloaded into a process (node -r): as it exits, writes to stderr the packages it had loaded, as `LOADED [...]`.
process.on('exit', () => {
  const names = new Set(Object.keys(require.cache).map((file) => (/node_modules\/((@[^/]+\/)?[^/]+)/.exec(file) ?? [])[1]).filter(Boolean));
  require('node:fs').writeSync(2, `LOADED ${JSON.stringify([...names])}\n`);
});
