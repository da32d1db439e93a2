// Runs the suites in reverse path order (`jest --testSequencer ./tests/support/reverse-order.sequencer.js`):
// with --randomize, proof that no suite depends on another having run before it.
const Sequencer = require('@jest/test-sequencer').default;

class ReverseOrderSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => (a.path < b.path ? 1 : a.path > b.path ? -1 : 0));
  }
}

module.exports = ReverseOrderSequencer;
