// How TypeScript becomes JavaScript everywhere it is compiled with swc: the build (tools/build.js),
// jest's transform (jest.config.js) and test processes that compile their own files at load
// (tests/support/nudges/compiled-libs.js). Decorators with their metadata, as NestJS reads them.
const jsc = {
  target: 'es2022',
  parser: { syntax: 'typescript', decorators: true },
  transform: { legacyDecorator: true, decoratorMetadata: true },
};

module.exports = { jsc, module: { type: 'commonjs' } };
