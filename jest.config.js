import module from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

// Node's on-disk compile cache (checked against each file's text and Node's version) for what
// Node itself loads, outside the test files' registries: jest in this process and in each worker
// (which inherit the variable), and the environment's graphql, Ajv and TypeScript. The children
// the tests start use the same folder.
const COMPILE_CACHE = fileURLToPath(new URL('./node_modules/.cache/group-steward-tests/node-compile-cache', import.meta.url));
process.env.NODE_COMPILE_CACHE ??= COMPILE_CACHE;
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);

/**
 * jest over the TypeScript sources as ES modules (`NODE_OPTIONS=--experimental-vm-modules`, see
 * package.json). swc strips the types, file by file, keeping every import as written (as tsconfig's
 * `verbatimModuleSyntax` does): nothing here type-checks — `npm run typecheck`
 * (tsc over src, test, bench and scripts) does, in .ci/run before the tests.
 *
 * `npm test` starts jest with V8's `--max-opt=2` (Maglev its top tier; the workers inherit jest's
 * flags): every test file runs its modules afresh in a realm of its own, so Turbofan's optimized
 * code died with the file, and its compiler threads took CPU from the workers sharing the cores.
 * On two cores the suite took 2–7 s less (four runs of each, alternated). Behaviour is the same;
 * the processes the tests start (the server, the Action's bundle) run with Node's defaults.
 * @type {import('jest').Config}
 */
export default {
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2023', transform: { verbatimModuleSyntax: true } }, module: { type: 'es6' } }],
  },
  extensionsToTreatAsEsm: ['.ts'],
  // jest's Node environment, and the fake GitHub's GraphQL engine kept for the worker (see the file).
  testEnvironment: '<rootDir>/test/support/environment.mjs',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // nock with real connections disallowed as soon as a test file loads it (see the file).
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^nock$': '<rootDir>/test/support/nock.mjs' },
  // Made before the workers start: one RSA key for the run's App JWTs (test/support/keys.ts), the
  // server the process tests run (test/server/) and the package bundles (see the file).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // jest's runtime, compiling each module from V8's code cache (kept per worker and on disk, checked
  // against the module's text) instead of afresh in every test file, and nock without the npm
  // undici package (nothing under test uses it); see the file.
  runtime: '<rootDir>/test/support/runtime.mjs',
  // Every test file imports what it uses from '@jest/globals': no `jest` object built for each
  // CommonJS module, no globals to install in each file's context.
  injectGlobals: false,
  // Two workers per core: a worker is often idle — its suite waits for a child process (the App
  // server, the Action's bundle, redis-server, npm pack, the health-check probe) or a timer (a
  // drain's grace period, a lock lapsing, the requests' spacing) — and another suite uses the core
  // meanwhile. On two cores, four workers finished the suite ~2 s sooner than three.
  maxWorkers: Math.max(1, availableParallelism() * 2),
  // A hang guard, not a speed limit: no test asserts time (work and results instead; the times are
  // `npm run bench`'s). On two cores shared with other jobs, tests of a second or less take 2 to 3 s
  // and the demo took over jest's default of 5 s.
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
