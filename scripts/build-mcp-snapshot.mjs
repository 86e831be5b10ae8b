#!/usr/bin/env node
/**
 * Builds the bundled activity snapshot, snapshots/mcp-activity.json, from the two shared reference
 * files, ../shared/reference/mcp-activity.json (thread transcripts) and
 * ../shared/reference/mcp-activity-git.json (pull requests from git history, with per-repository
 * coverage), and the charters in groups/ (whose `repos` decide the name a renamed repository takes,
 * and whose sources are the snapshot's coverage entries). Run after `npm run build`, from the
 * repository root:
 *
 *   node scripts/build-mcp-snapshot.mjs            # write snapshots/mcp-activity.json
 *   node scripts/build-mcp-snapshot.mjs --check    # exit 1 when the committed file is stale
 *
 * The conversion itself is `snapshotFromReference` and the layout `formatBundledSnapshot`
 * (src/activity/from-reference.ts: two-space JSON up to 15 MB, else one item per line), which a
 * test also runs, so the committed file cannot drift unnoticed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const referenceDir = join(root, '..', 'shared', 'reference');
const threadsFile = join(referenceDir, 'mcp-activity.json');
const gitFile = join(referenceDir, 'mcp-activity-git.json');
const outFile = join(root, 'snapshots', 'mcp-activity.json');
const check = process.argv.includes('--check');
const at = (path) => pathToFileURL(join(root, path)).href;

let modules;
try {
  modules = await Promise.all([
    import(at('dist/src/activity/from-reference.js')),
    import(at('dist/src/charters/read-directory.js')),
    import(at('dist/src/charters/validate.js')),
  ]);
} catch {
  console.error('build-mcp-snapshot: dist/ is missing or stale; run `npm run build` first');
  process.exit(2);
}
const [{ snapshotFromReference, formatBundledSnapshot }, { readCharterDirectory }, { validateCharters }] = modules;

try {
  const readJson = async (file) => {
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  const [threads, git] = await Promise.all([readJson(threadsFile), readJson(gitFile)]);
  const sources = await readCharterDirectory(join(root, 'groups'));
  const later = [threads.generated_at, git.generated_at].map((s) => Date.parse(s)).filter((n) => !Number.isNaN(n));
  const { charters } = validateCharters(sources, { now: new Date(later.length ? Math.max(...later) : Date.now()) });
  const snapshot = snapshotFromReference({ threads, git }, { charters: charters.map((c) => c.charter) });
  const text = formatBundledSnapshot(snapshot);
  const size = `${snapshot.items.length} items, ${snapshot.coverage?.length ?? 0} coverage entries, ${Buffer.byteLength(text)} bytes`;
  if (check) {
    const committed = await readFile(outFile, 'utf8').catch(() => '');
    if (committed !== text) {
      console.error(`${outFile} is stale: run node scripts/build-mcp-snapshot.mjs`);
      process.exit(1);
    }
    console.log(`${outFile} is up to date (${size})`);
  } else {
    await writeFile(outFile, text);
    console.log(`wrote ${outFile} (${size})`);
  }
} catch (error) {
  console.error(`build-mcp-snapshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
