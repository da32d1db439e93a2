// Maps the tsconfig path aliases for jest, so tests import libraries the way the apps do.
const { compilerOptions } = require('../tsconfig.base.json');
const path = require('node:path');

module.exports = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(__dirname, '..', target),
  ]),
);
