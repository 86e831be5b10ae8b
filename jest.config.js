import { createDefaultEsmPreset } from 'ts-jest';

/** @type {import('jest').Config} */
export default {
  ...createDefaultEsmPreset({ tsconfig: 'tsconfig.json' }),
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
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
