#!/usr/bin/env node
/**
 * Bundles the GitHub Action (`action.yml`) into one file: src/action/index.ts (the entry, which
 * calls `run()` of src/action/main.ts) and everything it imports (Probot, the App's handlers,
 * @actions/core, …) → dist/action/index.js, an ES module for Node 24 and later (Actions runs it
 * with `node24`). esbuild's JS API; no timestamps, no absolute paths, no source map, so the same
 * sources and node_modules give the same bytes — CI rebuilds it into a temporary file and
 * compares (.ci/run).
 *
 *   node scripts/build-action.mjs                   writes dist/action/index.js (npm run build:action)
 *   node scripts/build-action.mjs --outfile FILE    writes FILE instead (the staleness check)
 *
 * Prints the file, its size in bytes and the build time in ms; exits 1 when esbuild reports an error.
 */
import { build } from 'esbuild';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outfile: { type: 'string' } } });
const outfile = resolve(values.outfile ?? join(root, 'dist/action/index.js'));

// Bundled CommonJS dependencies call `require` and read `__filename` / `__dirname`, which an ES
// module lacks: define them, from the bundle's own URL, before any of their code runs.
const banner = [
  '// Group Steward: the GitHub Action, bundled by scripts/build-action.mjs (npm run build:action). Do not edit.',
  "import { createRequire as __gsCreateRequire } from 'node:module';",
  "import { fileURLToPath as __gsFileURLToPath } from 'node:url';",
  "import { dirname as __gsDirname } from 'node:path';",
  'const require = __gsCreateRequire(import.meta.url);',
  'const __filename = __gsFileURLToPath(import.meta.url);',
  'const __dirname = __gsDirname(__filename);',
].join('\n');

const started = performance.now();
try {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/action/index.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    conditions: ['node', 'import'],
    banner: { js: banner },
    legalComments: 'eof',
    charset: 'utf8',
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  const shown = relative(process.cwd(), outfile);
  console.log(`${shown && !shown.startsWith('..') ? shown : outfile}: ${bytes} bytes in ${Math.round(performance.now() - started)} ms`);
} catch {
  // esbuild has printed its errors.
  process.exitCode = 1;
}
