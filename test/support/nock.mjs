/**
 * nock as the tests import it (`import nock from 'nock'` is mapped here by jest.config.js): the
 * package itself, with real connections disallowed from the moment a test file loads it — any
 * request no interceptor expects fails. Test files that never import nock do not load it (it
 * cost every test file ~20 ms); the environment's network guard covers them
 * (test/support/environment.mjs). nock patches Node's `http` and `https`, which every test file of
 * a worker shares: the environment restores them when the test file ends (`nock.restore()`), so
 * that no later file's request goes through this file's interceptors.
 */
import nock from 'nock/index.js';

nock.disableNetConnect();
globalThis[Symbol.for('group-steward.nock')] = nock;
export default nock;
