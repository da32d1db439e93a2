// Runs TypeScript sources directly (decorator metadata and path aliases included) so that
// `npm start` needs no build step. Used by the npm scripts only.
const path = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
