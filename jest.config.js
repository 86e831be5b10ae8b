/**
 * jest over the TypeScript sources as ES modules (`NODE_OPTIONS=--experimental-vm-modules`, see
 * package.json). swc strips the types, file by file, keeping every import as written (as tsconfig's
 * `verbatimModuleSyntax` does): nothing here type-checks — `npm run typecheck`
 * (tsc over src, test, bench and scripts) does, in .ci/run before the tests.
 * @type {import('jest').Config}
 */
export default {
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2023', transform: { verbatimModuleSyntax: true } }, module: { type: 'es6' } }],
  },
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // One RSA key for the run's App JWTs (test/support/keys.ts), generated before the workers start.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // One worker per core (jest's default leaves one to its own process, which is idle here): on a
  // two-core machine, two suites at a time instead of one.
  maxWorkers: '100%',
  // A hang guard, not a speed limit: no test asserts time (work and results instead; the times are
  // `npm run bench`'s). On two cores shared with other jobs, tests of a second or less take 2 to 3 s
  // and the demo took over jest's default of 5 s.
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
