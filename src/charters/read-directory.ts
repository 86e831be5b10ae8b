/**
 * Reading charter files from a local directory (the CLI's source). Reads at most 64 KiB + 1 byte
 * of each file, so an oversized file is reported without being loaded.
 */
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_CHARTER_BYTES } from './parse.js';
import type { CharterSource } from './parse.js';

/**
 * Lists the charter files (`*.yaml`, and `*.yml` so they can be reported) directly in `dir`,
 * sorted by name, each named relative to `dir`.
 *
 * @throws the file system's error (e.g. `ENOENT`, `ENOTDIR`) when `dir` cannot be read
 */
export async function readCharterDirectory(dir: string): Promise<CharterSource[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(names.map((name) => readBounded(join(dir, name), name)));
}

/**
 * One file as a validator source named `file`: at most `maxBytes` + 1 bytes are read, and its real
 * size is kept, so an oversized file is reported without being loaded.
 *
 * @throws the file system's error when `path` cannot be read
 */
export async function readBounded(path: string, file: string, maxBytes = MAX_CHARTER_BYTES): Promise<CharterSource> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxBytes + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { file, content: buffer.subarray(0, bytesRead), byteLength: size };
  } finally {
    await handle.close();
  }
}
