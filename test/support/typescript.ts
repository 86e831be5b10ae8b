/**
 * TypeScript's compiler API for the tests that read source files' imports: the copy the test
 * environment keeps for the whole worker (test/support/environment.mjs), else (outside jest) this
 * process's own.
 */
import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

const require = createRequire(import.meta.url);

/** The `typescript` module. */
export function typescript(): typeof TypeScript {
  const kept = (globalThis as { groupStewardTypeScript?: () => typeof TypeScript }).groupStewardTypeScript;
  return kept ? kept() : (require('typescript') as typeof TypeScript);
}
