// Preloaded (`node -r`) by test processes that run a TypeScript file of tests/support against the
// compiled libraries: `@stepwise/*` resolves to dist/ (built by jest's global setup), and only the
// test's own TypeScript files are compiled as they load, instead of every library's source.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.join(__dirname, '..', '..', '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
const swcOptions = require(path.join(root, 'tools', 'swc-options'));

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const source = compilerOptions.paths[request];
  return resolveFilename.call(this, source ? path.join(root, 'dist', source[0].replace(/\.ts$/, '.js')) : request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    configFile: false,
    ...swcOptions,
  });
  module._compile(code, filename);
};
