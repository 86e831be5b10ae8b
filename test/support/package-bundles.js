/**
 * The packages the tests load as one module each (test/support/runtime.mjs), each bundled by
 * esbuild from the installed package, as the Action's bundle (dist/action/index.js) holds them:
 * yaml, markdown-it (with entities, linkify-it, mdurl, punycode.js and uc.micro), zod,
 * pino-pretty, Bottleneck, undici, graphql, Probot (its own modules), and the small packages
 * jest-circus loads into every test file's context (pure-rand, picomatch, graceful-fs, …).
 *
 * jest gives every test file its own module registry, so each file that imports yaml instantiated
 * its 73 modules, markdown-it its ~80, zod its ~40, Probot its ~50 and its pino-pretty 30, and
 * jest-circus its pure-rand's 20: about 22,000 of a run's 43,000 module instances. As one module each, a test
 * file still evaluates each package afresh in its own context — the same code, with its own
 * state — but resolves, reads, links and evaluates one module instead of dozens.
 *
 * The bundles are made once before the workers start (global-setup.js) into
 * node_modules/.cache/group-steward-tests/package-bundles/<key>/, and made again when this file,
 * esbuild's version or the lockfile changes. test/package-bundles.test.ts checks that each
 * bundle gives what the installed package gives.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keptBuild } from './kept-builds.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(join(ROOT, 'package.json'));
const DIRECTORY = join(ROOT, 'node_modules/.cache/group-steward-tests/package-bundles');
/** zod's locales as the tests load them (English only): see runtime.mjs. */
const ZOD_LOCALES = fileURLToPath(new URL('./zod-locales.mjs', import.meta.url));
/** How the bundles are made: this file's text and the zod locales it bundles (a change to either makes them again). */
const RECIPE = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).update(readFileSync(ZOD_LOCALES)).digest('hex');

/**
 * Each bundled package, and its module system: a CommonJS package is bundled as CommonJS and
 * stands for the package's main file for `require` and `import` alike (jest imports a CommonJS
 * module by running it and exporting its `module.exports`'s keys, as it did the package's own
 * file); an ES module package is bundled as an ES module and stands for it for `import`.
 */
export const BUNDLED = [
  { name: 'yaml', commonjs: true },
  { name: 'markdown-it', commonjs: false },
  { name: 'zod', commonjs: false },
  { name: 'pino-pretty', commonjs: true },
  { name: 'bottleneck', commonjs: true },
  { name: 'undici', commonjs: true },
  { name: 'graphql', commonjs: true },
  // Probot's own modules and those only Probot uses; every package Group Steward names itself, and
  // every Octokit package, stays the installed one (one instance shared with Probot, as installed).
  { name: 'probot', commonjs: false, external: ['@octokit/*', ...projectPackages().filter((name) => name !== 'probot')] },
  // jest's own, loaded into every test file's context by jest-circus (its expect, snapshots, …).
  { name: 'pure-rand', commonjs: true },
  { name: 'picomatch', commonjs: true },
  { name: 'graceful-fs', commonjs: true },
  { name: '@babel/code-frame', commonjs: true },
  { name: '@jest/react-is-18', commonjs: true },
  { name: '@jest/react-is-19', commonjs: true },
  { name: 'ci-info', commonjs: true },
];

/** The packages package.json names, dependencies and devDependencies. */
function projectPackages() {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
}

/** The absolute path the package's main file resolves to: `require`'s for a CommonJS package, `import`'s otherwise (from here: the project's node_modules). */
export const entryOf = ({ name, commonjs }) => (commonjs ? require.resolve(name) : fileURLToPath(import.meta.resolve(name)));

/** The file the bundle of `pkg` is written to in `directory`. */
export const bundleFile = (directory, { name, commonjs }) => join(directory, `${name.replace('/', '+')}.${commonjs ? 'cjs' : 'mjs'}`);

/**
 * Makes the bundles when missing and resolves to the directory that holds them (one file per
 * package, `<name>.cjs` or `<name>.mjs`): one directory per recipe (this file, zod's locales),
 * esbuild version and lockfile (what the installed packages are), never changed once made (test/support/
 * kept-builds.js). Rejects with esbuild's error when a package cannot be bundled.
 */
export async function packageBundles() {
  const esbuild = await import('esbuild');
  let lockfile = '';
  try {
    lockfile = readFileSync(join(ROOT, 'package-lock.json'), 'utf8');
  } catch {
    // No lockfile: the bundles are named by the recipe and esbuild alone.
  }
  const key = createHash('sha256').update(JSON.stringify({ recipe: RECIPE, esbuild: esbuild.version, lockfile })).digest('hex').slice(0, 24);
  return keptBuild(DIRECTORY, key, async (directory) => {
    for (const pkg of BUNDLED) {
      await esbuild.build({
        entryPoints: [entryOf(pkg)],
        bundle: true,
        format: pkg.commonjs ? 'cjs' : 'esm',
        platform: 'node',
        target: 'node24',
        outfile: bundleFile(directory, pkg),
        logLevel: 'silent',
        external: pkg.external ?? [],
        // An ES module bundle's CommonJS modules require Node's built-ins and the packages left out, as the Action's bundle does.
        banner: pkg.commonjs ? {} : { js: "import { createRequire as __groupStewardCreateRequire } from 'node:module'; const require = __groupStewardCreateRequire(import.meta.url);" },
        plugins: [{ name: 'zod-english-only', setup: (build) => build.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) => (/[\\/]zod[\\/]/.test(args.importer) ? { path: ZOD_LOCALES } : undefined)) }],
      });
    }
  });
}
