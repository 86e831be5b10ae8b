/**
 * The package a release publishes (`npm pack`): what it holds and what its `group-steward` binary
 * needs. .ci/run's "npm pack runs validate and demo" step installs the real tarball into an empty
 * project and runs the binary; this checks, without a build or the network, that package.json says
 * the right things — the files the CLI reads at run time are in `files`, nothing private is, the
 * binary starts with its shebang, the pinned Node stays a development dependency — and that the
 * version is the changelog's latest release.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from '@jest/globals';

const ROOT = process.cwd();
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  bin: Record<string, string>;
  files: string[];
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const pkg = JSON.parse(read('package.json')) as PackageJson;

/** The files `npm pack` would put in the tarball (prepack not run: no build needed). */
let packed: string[];
beforeAll(async () => {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 16 * 1024 * 1024 });
  packed = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
});

describe('package.json: a package npm can publish and install', () => {
  it('is publishable, with a semantic version and the Node it runs on', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.name).toBe('group-steward');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/);
    expect(pkg.engines.node).toBe('>=24');
  });

  it('the binary is the built CLI, whose source starts with a node shebang', () => {
    expect(pkg.bin).toEqual({ 'group-steward': 'dist/src/cli/main.js' });
    const source = pkg.bin['group-steward']?.replace(/^dist\//, '').replace(/\.js$/, '.ts') as string;
    expect(read(source).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('packing builds first (prepack), so a tarball or a git dependency never ships stale code', () => {
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.scripts.build).toMatch(/^tsc -p /);
  });

  it('the pinned Node, and every build and test tool, stay development dependencies', () => {
    expect(pkg.devDependencies.node).toBeDefined();
    for (const tool of ['node', 'typescript', 'jest', 'eslint', 'esbuild']) expect(Object.keys(pkg.dependencies)).not.toContain(tool);
  });
});

describe('npm pack: what the tarball holds', () => {
  it('holds what the CLI reads at run time: the charters, the examples, the snapshot, the workflow init copies', () => {
    for (const file of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'groups/README.md',
      'groups/charter.schema.json',
      'groups/registry.yaml',
      'examples/new-group.yaml',
      'examples/group-steward.yml',
      'examples/mcp-pages/docs/docs.json',
      'snapshots/mcp-activity.json',
    ]) {
      expect({ file, packed: packed.includes(file) }).toEqual({ file, packed: true });
    }
    expect(packed.some((f) => f === 'examples/workflows/group-steward.yml' || f === 'examples/governance-workflow.yml')).toBe(true);
  });

  it('holds the built CLI when it is built (prepack builds it before packing)', () => {
    if (existsSync(join(ROOT, 'dist/src/cli/main.js'))) expect(packed).toContain('dist/src/cli/main.js');
    expect(packed.filter((f) => f.startsWith('dist/')).every((f) => f.startsWith('dist/src/') && f.endsWith('.js'))).toBe(true);
  });

  it('holds no sources, tests, secrets, dependencies, source maps, bench or Action bundle', () => {
    const leaked = packed.filter((f) => /^(src|test|bench|scripts|node_modules|coverage|\.github|\.ci)\//.test(f) || /(^|\/)\.env/.test(f) || /\.(pem|map|ts)$/.test(f) || f.startsWith('dist/action/') || f.startsWith('dist/bench/'));
    expect(leaked).toEqual([]);
  });
});

describe('CHANGELOG.md (Keep a Changelog)', () => {
  const changelog = read('CHANGELOG.md');
  const releases = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\] - (\d{4}-\d{2}-\d{2})$/gm)].map((m) => ({ version: m[1], date: m[2] }));

  it('has an Unreleased section, then the releases, newest first, package.json\'s version the newest', () => {
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    expect(changelog.indexOf('## [Unreleased]')).toBeLessThan(changelog.indexOf(`## [${releases[0]?.version}]`));
    expect(releases[0]?.version).toBe(pkg.version);
    const dates = releases.map((r) => r.date as string);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('links every release', () => {
    for (const { version } of releases) expect(changelog).toMatch(new RegExp(`^\\[${version?.replace(/\./g, '\\.')}\\]: https://`, 'm'));
  });
});
