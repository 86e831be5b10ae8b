/**
 * The packages the tests load bundled (test/support/package-bundles.js, resolved by
 * test/support/runtime.mjs) give what the installed packages give: the same names, and the same
 * output on MCP's real material. The installed package (and, for its names, the bundle file) is
 * loaded by Node's own `require`, outside jest's module registry; what a test file's `import` gets
 * is the bundle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type * as Yaml from 'yaml';
import type * as Zod from 'zod';
import { BUNDLED, bundleFile } from './support/package-bundles.js';

/** Node's `require`, from the project (jest's own `require` would give the bundle). */
const installed = createRequire(new URL('../package.json', import.meta.url)) as NodeJS.Require;
const names = (exports: object) => Object.keys(exports).filter((name) => name !== 'default' && name !== '__esModule').sort();
/** What a package exports, by name: a module whose only export is its default (markdown-it) is that default, and a function is marked so. */
const shape = (exports: object): string[] => {
  const value = names(exports).length === 0 && 'default' in exports ? (exports as { default: object }).default : exports;
  return typeof value === 'function' ? ['(a function)', ...names(value)] : names(value);
};

const PAGES = 'examples/mcp-pages/docs/community';
const pages = ['working-groups', 'interest-groups'].flatMap((folder) => readdirSync(join(PAGES, folder)).filter((n) => n.endsWith('.mdx')).sort().map((n) => readFileSync(join(PAGES, folder, n), 'utf8')));

describe('the bundled packages', () => {
  it('are all made, in the directory the global setup names', () => {
    const directory = process.env.GROUP_STEWARD_TEST_PACKAGES ?? '';
    expect(directory).not.toBe('');
    for (const pkg of BUNDLED) expect(readFileSync(bundleFile(directory, pkg), 'utf8').length).toBeGreaterThan(1000);
  });

  it.each(BUNDLED.map((pkg) => [pkg.name, pkg] as const))('%s: the bundle exports the names the installed package exports', (name, pkg) => {
    const bundle = installed(bundleFile(process.env.GROUP_STEWARD_TEST_PACKAGES ?? '', pkg)) as object;
    expect(shape(bundle)).toEqual(shape(installed(name) as object));
    expect(shape(bundle).length).toBeGreaterThan(0);
  });

  it("a test file's import of a bundled package gets its bundle", async () => {
    const { parse } = await import('yaml');
    const { default: MarkdownIt } = await import('markdown-it');
    const thrown = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return String((error as Error).stack);
      }
      return '';
    };
    expect(thrown(() => parse('a: ['))).toMatch(/package-bundles[\\/]\w+[\\/]yaml\.cjs/);
    expect(thrown(() => new MarkdownIt('no-such-preset' as 'default'))).toMatch(/package-bundles[\\/]\w+[\\/]markdown-it\.mjs/);
  });

  it("yaml: parses MCP's group charters as the installed yaml does", async () => {
    const { parseDocument } = await import('yaml');
    const real = installed('yaml') as typeof Yaml;
    const folder = 'groups';
    const texts = readdirSync(folder).filter((n) => n.endsWith('.yaml')).map((n) => readFileSync(join(folder, n), 'utf8'));
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      const ours = parseDocument(text);
      const theirs = real.parseDocument(text);
      expect(JSON.stringify(ours.toJS())).toBe(JSON.stringify(theirs.toJS()));
      expect(ours.errors.map((e) => e.message)).toEqual(theirs.errors.map((e) => e.message));
    }
  });

  it("markdown-it: tokenizes MCP's 16 real charter pages as the installed markdown-it does", async () => {
    const { default: MarkdownIt } = await import('markdown-it');
    const Real = installed('markdown-it') as typeof MarkdownIt;
    expect(pages).toHaveLength(16);
    const ours = new MarkdownIt({ html: true });
    const theirs = new Real({ html: true });
    for (const page of pages) expect(JSON.stringify(ours.parse(page, {}))).toBe(JSON.stringify(theirs.parse(page, {})));
  });

  it('zod: reports the same issues, in English, as the installed zod', async () => {
    const { z } = await import('zod');
    const real = (installed('zod') as typeof Zod).z;
    const shape = <Z extends typeof z>(zod: Z) => zod.object({ id: zod.string().regex(/^[a-z-]+$/), leads: zod.array(zod.object({ github: zod.string().min(1) })).min(1), since: zod.iso.date() }).strict();
    for (const input of [{ id: 'Registry', leads: [], since: '2026-13-01', extra: 1 }, { id: 'registry', leads: [{ github: '' }], since: '2026-12-07' }, 'not an object']) {
      const ours = shape(z).safeParse(input);
      const theirs = shape(real).safeParse(input);
      expect(ours.success).toBe(theirs.success);
      expect(JSON.stringify(ours.error?.issues)).toBe(JSON.stringify(theirs.error?.issues));
    }
  });
});
