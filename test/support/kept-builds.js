/**
 * Builds the tests make before the workers start (test/support/global-setup.js), kept on disk by
 * what they are made from: one directory per key, made once and never changed after, so that a run
 * never sees a build another run is replacing.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A build unused for this long is removed (a run takes minutes; another may use a build meanwhile). */
const UNUSED_MS = 24 * 3_600_000;

/**
 * The directory `parent/key`, made by `make(directory)` when missing — into a partial directory
 * renamed into place once complete, so a concurrent run that makes the same one first wins — and
 * marked as used now. Builds under `parent` unused for a day, and partial ones left behind, are
 * removed. Rejects with `make`'s error (its partial directory removed).
 *
 * @param {string} parent
 * @param {string} key names what the build is made from (a hash)
 * @param {(directory: string) => void | Promise<void>} make
 * @returns {Promise<string>} the build's directory
 */
export async function keptBuild(parent, key, make) {
  const build = join(parent, key);
  const marker = join(build, '.complete');
  if (!existsSync(marker)) {
    const partial = `${build}.${process.pid}.tmp`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    try {
      await make(partial);
      writeFileSync(join(partial, '.complete'), '');
      renameSync(partial, build);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(marker)) throw error; // else another run made it first
    }
  }
  writeFileSync(marker, ''); // its time: when it was last used
  removeUnused(parent, key);
  return build;
}

/** Removes the builds under `parent` (and partial builds) not used for a day, but `current`. */
function removeUnused(parent, current) {
  for (const name of readdirSync(parent)) {
    if (name === current) continue;
    const path = join(parent, name);
    let used;
    try {
      used = statSync(existsSync(join(path, '.complete')) ? join(path, '.complete') : path).mtimeMs;
    } catch {
      continue;
    }
    if (Date.now() - used > UNUSED_MS) rmSync(path, { recursive: true, force: true });
  }
}
