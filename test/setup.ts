// No test touches the network: the environment refuses every connection beyond this machine
// (test/support/environment.mjs), and nock, in the test files that load it, fails any request it
// does not expect (test/support/nock.mjs).

// The throttling plugin spaces requests as against GitHub — a write a second apart, an issue 3 s —
// in every Octokit the tests build (the CLI's, the App's). Same order and gaps, in milliseconds:
// set as the Action's test preload sets it (`SPACING_OVERRIDE` in src/github/rate-limits.ts, read
// when that module loads), so that a test file that builds no Octokit does not load it.
(globalThis as Record<symbol, unknown>)[Symbol.for('group-steward.spacing-base-ms')] = 1;

// The fake GitHub's GraphQL queries run in the environment's engine, graphql-js loaded there in its
// production form (test/support/environment.mjs); test files only parse queries.
