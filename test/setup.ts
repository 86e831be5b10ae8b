import { createRequire } from 'node:module';

// No test touches the network: the environment refuses every connection beyond this machine
// (test/support/environment.mjs), and nock, in the test files that load it, fails any request it
// does not expect (test/support/nock.mjs).

// The throttling plugin spaces requests as against GitHub — a write a second apart, an issue 3 s —
// in every Octokit the tests build (the CLI's, the App's). Same order and gaps, in milliseconds:
// set as the Action's test preload sets it (`SPACING_OVERRIDE` in src/github/rate-limits.ts, read
// when that module loads), so that a test file that builds no Octokit does not load it.
(globalThis as Record<symbol, unknown>)[Symbol.for('group-steward.spacing-base-ms')] = 1;

// graphql-js checks, on every `instanceof` of its own types that fails, whether the value is one of
// a second copy of graphql (to throw a clearer error), unless NODE_ENV is `production`; in the
// fake GitHub's query executions that check is ~40% of the time. There is one graphql in
// node_modules (test/github/openapi-oracle.test.ts checks it), so the check cannot fire: graphql's
// `instanceOf` is loaded here, first, in its production form; NODE_ENV is `test` again for the rest.
{
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    createRequire(import.meta.url)('graphql/jsutils/instanceOf.js');
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
