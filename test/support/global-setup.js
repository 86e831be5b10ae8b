import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync, version as swcVersion } from '@swc/core';
import { keptBuild } from './kept-builds.js';
import { packageBundles } from './package-bundles.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the server builds go: inside the project, so that their imports find node_modules. */
const BUILDS = join(ROOT, 'node_modules/.cache/group-steward-tests/server-builds');
/** swc's options: jest.config.js's transform (types stripped, file by file, imports as written). */
const SWC = { jsc: { parser: { syntax: 'typescript' }, target: 'es2023', transform: { verbatimModuleSyntax: true } }, module: { type: 'es6' }, sourceMaps: false };

/**
 * Once per `jest` run, before the workers start (they inherit the environment):
 * - the RSA key the tests and the benches' modules they import sign App JWTs with
 *   (`GROUP_STEWARD_BENCH_RSA_KEY`, bench/app-key.ts). Generating a 2048-bit key takes 0.1–0.5 s;
 *   a dozen test files each made their own. A PEM string, read only.
 * - the App server the process tests run (`node <build>/src/server.js`, test/server/): src/ as
 *   jest runs it — swc strips the types, file by file, with jest.config.js's options — in a
 *   directory named by the hash of the sources (test/support/kept-builds.js), reused while they are unchanged
 *   (`GROUP_STEWARD_TEST_SERVER` names its server.js). ~0.2 s when they changed, so the tests never
 *   run a stale dist/ and never wait for `tsc` (`npm run build`, ~13 s of CPU, type-checks too;
 *   .ci/run does it before the tests).
 * - the packages the test files load as one module each (`GROUP_STEWARD_TEST_PACKAGES`;
 *   test/support/package-bundles.js), made again only when the lockfile or the recipe changes.
 */
export default async function globalSetup() {
  // The name bench/app-key.ts (and test/support/keys.ts through it) reads.
  process.env.GROUP_STEWARD_BENCH_RSA_KEY ??= generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  process.env.GROUP_STEWARD_TEST_SERVER ??= await serverBuild();
  process.env.GROUP_STEWARD_TEST_PACKAGES ??= await packageBundles();
}

/** src/**\/*.ts (no .d.ts), relative to the project. */
function sources(dir = join(ROOT, 'src')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [relative(ROOT, path)] : [];
  });
}

/** The path of server.js in the build of the sources as they are now, made when missing. */
async function serverBuild() {
  const files = sources().sort().map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
  const hash = createHash('sha256').update(JSON.stringify({ swcVersion, SWC, files })).digest('hex').slice(0, 24);
  const build = await keptBuild(BUILDS, hash, (directory) => {
    for (const { path, text } of files) {
      const target = join(directory, path.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, transformSync(text, { ...SWC, filename: join(ROOT, path) }).code);
    }
  });
  return join(build, 'src/server.js');
}
