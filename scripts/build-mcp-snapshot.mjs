#!/usr/bin/env node
/**
 * Builds the bundled activity snapshot, snapshots/mcp-activity.json, from the shared reference data
 * (../shared/reference/mcp-activity.json) and the charters in groups/ (whose `repos` decide the
 * name a renamed repository takes). Run after `npm run build`, from the repository root:
 *
 *   node scripts/build-mcp-snapshot.mjs            # write snapshots/mcp-activity.json
 *   node scripts/build-mcp-snapshot.mjs --check    # exit 1 when the committed file is stale
 *
 * The conversion itself is `snapshotFromReference` (src/activity/from-reference.ts), which a test
 * also runs, so the committed file cannot drift unnoticed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const referenceFile = join(root, '..', 'shared', 'reference', 'mcp-activity.json');
const outFile = join(root, 'snapshots', 'mcp-activity.json');
const check = process.argv.includes('--check');
const at = (path) => pathToFileURL(join(root, path)).href;

let modules;
try {
  modules = await Promise.all([
    import(at('dist/src/activity/from-reference.js')),
    import(at('dist/src/activity/snapshot.js')),
    import(at('dist/src/charters/read-directory.js')),
    import(at('dist/src/charters/validate.js')),
  ]);
} catch {
  console.error('build-mcp-snapshot: dist/ is missing or stale; run `npm run build` first');
  process.exit(2);
}
const [{ snapshotFromReference }, { formatSnapshot }, { readCharterDirectory }, { validateCharters }] = modules;

try {
  const reference = JSON.parse(await readFile(referenceFile, 'utf8'));
  const sources = await readCharterDirectory(join(root, 'groups'));
  const { charters } = validateCharters(sources, { now: new Date(reference.generated_at) });
  const charterRepos = charters.flatMap((c) => c.charter.repos ?? []);
  const text = formatSnapshot(snapshotFromReference(reference, { charterRepos }));
  if (check) {
    const committed = await readFile(outFile, 'utf8').catch(() => '');
    if (committed !== text) {
      console.error(`${outFile} is stale: run node scripts/build-mcp-snapshot.mjs`);
      process.exit(1);
    }
    console.log(`${outFile} is up to date`);
  } else {
    await writeFile(outFile, text);
    console.log(`wrote ${outFile}`);
  }
} catch (error) {
  console.error(`build-mcp-snapshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
