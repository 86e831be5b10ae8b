import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { parse } from 'yaml';
import groupSteward from '../src/index.js';
import { discussionsQuery } from '../src/github/discussions-read.js';
import { sourcesQuery } from '../src/github/source-check.js';
import { VOTER_TEAMS_FIELDS } from '../src/github/voter-teams.js';
import { CONDITIONAL_PERMISSIONS, grantedPermissions, NO_INSTALLATION_PERMISSION, neededPermissions, permissionProblems, permissionTable } from './support/openapi.js';
import type { Access } from './support/openapi.js';

/** The events the App registers handlers for (`push`, `issues`…), without their actions. */
function registeredEvents(): string[] {
  const names: string[] = [];
  const fake = { on: (events: string | string[]) => names.push(...[events].flat()), onAny: () => {}, onError: () => {} };
  groupSteward(fake as unknown as Probot);
  return [...new Set(names.map((n) => n.split('.')[0] as string))].sort();
}

describe('app.yml, the App manifest', () => {
  const manifest = parse(readFileSync(new URL('../app.yml', import.meta.url), 'utf8')) as {
    default_events: string[];
    default_permissions: Record<string, string>;
  };
  // GitHub delivers these to every App without a subscription.
  const alwaysDelivered = new Set(['installation', 'installation_repositories']);

  it('subscribes to exactly the events the App handles', () => {
    expect([...manifest.default_events].sort()).toEqual(registeredEvents().filter((e) => !alwaysDelivered.has(e)));
  });
});

/**
 * The permissions, derived rather than re-typed. Every REST request a test makes — through the
 * nock mock (test/support/github-api.ts) or the stateful fake (test/support/fake-governance.ts) —
 * goes through `checkRestRequest`, which fails that test when app.yml does not grant what GitHub's
 * table says the operation needs, or when the table kept here does not list the operation. So the
 * table's operations are the REST operations the tests make (checked below against the source,
 * so that one the App no longer calls does not keep a permission "needed"), and from them:
 */
describe("app.yml's permissions, from GitHub's table of what each REST operation the tests make needs", () => {
  const table = permissionTable();
  const operations = [...new Set(Object.values(table).flatMap((g) => g.permissions.map((p) => `${p.verb.toUpperCase()} ${p.requestPath}`)))].sort();
  const grants = grantedPermissions();

  /**
   * Permissions no REST operation of the App needs, granted for its GraphQL reads (GitHub's table
   * covers REST only), each with the GraphQL the App sends that needs it.
   */
  const FOR_GRAPHQL: Record<string, { why: string; evidence: () => boolean }> = {
    members: {
      why: "read the members of the moderators', core and lead maintainers' teams (`organization { team { members } }`) for the creation vote and sponsorship",
      evidence: () => /team\(slug: \$\w+\)\s*\{\s*members\(first: \d+\)/.test(VOTER_TEAMS_FIELDS),
    },
    discussions: {
      why: 'read the Discussions categories charters list as sources (`repository { discussions(categoryId:) }`) and check each category exists (`discussionCategories`)',
      evidence: () => /repository\([^)]*\)\s*\{\s*discussions\(first: \d+,[^)]*categoryId:/.test(discussionsQuery(1)) && /discussionCategories\(/.test(sourcesQuery([true])),
    },
  };

  it('grants every permission each operation needs, at the access it needs', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.flatMap((key) => permissionProblems(key))).toEqual([]);
  });

  it('grants no permission that no operation needs, but those its GraphQL reads need (each checked in the query sent)', () => {
    const needed = new Map<string, Access>();
    for (const key of operations) {
      for (const { permission, access } of neededPermissions(key) ?? []) {
        const before = needed.get(permission);
        if (!before || (before === 'read' && access !== 'read')) needed.set(permission, access);
      }
    }
    const unneeded = Object.keys(grants).filter((p) => !needed.has(p) && !(p in FOR_GRAPHQL));
    expect(unneeded).toEqual([]);
    for (const [permission, reason] of Object.entries(FOR_GRAPHQL)) {
      expect({ permission, granted: permission in grants, evidence: reason.evidence() }).toEqual({ permission, granted: true, evidence: true });
    }
    // Nothing more than needed either: write only where an operation writes.
    const overGranted = Object.entries(grants).filter(([p, access]) => needed.get(p) === 'read' && access !== 'read');
    expect(overGranted).toEqual([]);
  });

  it('fails when app.yml lacks a permission or grants too little of one (the check is not vacuous)', () => {
    const without = (name: string) => Object.fromEntries(Object.entries(grants).filter(([p]) => p !== name)) as Record<string, Access>;
    expect(permissionProblems('POST /repos/{owner}/{repo}/check-runs', without('checks'))).toEqual([
      'POST /repos/{owner}/{repo}/check-runs needs the checks: write permission; app.yml asks for no checks permission',
    ]);
    expect(permissionProblems('POST /repos/{owner}/{repo}/issues', { ...grants, issues: 'read' })).toEqual([
      'POST /repos/{owner}/{repo}/issues needs the issues: write permission; app.yml asks for issues: read',
    ]);
    // A label on a pull request needs Pull requests too: GitHub lists the operation under both.
    expect(permissionProblems('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', without('pull_requests'))).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels needs the pull_requests: write permission; app.yml asks for no pull_requests permission',
    ]);
    expect(permissionProblems('GET /repos/{owner}/{repo}/branches')[0]).toContain('does not say which permission it needs');
  });

  it('leaves out only what GitHub asks in a case the App never meets, and what no installation permission governs', () => {
    // Writing a file or a ref needs Workflows only when the commits touch .github/workflows/.
    expect(Object.keys(CONDITIONAL_PERMISSIONS)).toEqual(['workflows']);
    expect(table.workflows?.permissions.map((p) => `${p.verb.toUpperCase()} ${p.requestPath}`).every((key) => neededPermissions(key)?.some((n) => n.permission === 'contents' && n.access === 'write'))).toBe(true);
    expect(Object.keys(NO_INSTALLATION_PERMISSION).sort()).toEqual(['GET /app/hook/deliveries', 'GET /installation/repositories', 'GET /repos/{owner}/{repo}/installation', 'POST /app/hook/deliveries/{delivery_id}/attempts', 'POST /app/installations/{installation_id}/access_tokens']);
  });

  it('lists only operations the App still calls (so that none keeps a permission "needed")', async () => {
    const main = createRequire(import.meta.url).resolve('@octokit/plugin-rest-endpoint-methods');
    const endpoints = (await import(pathToFileURL(join(dirname(main), 'generated', 'endpoints.js')).href)).default as Record<string, Record<string, [string, ...unknown[]]>>;
    const methodsOf = (key: string) => Object.entries(endpoints).flatMap(([scope, methods]) => Object.entries(methods).filter(([, [route]]) => route === key).map(([name]) => `rest.${scope}.${name}`));
    const source = sourceText(new URL('../src/', import.meta.url).pathname);
    // Probot's configuration plugin reads `.github/group-steward.yml` through the contents API.
    const alsoBy: Record<string, string[]> = { 'GET /repos/{owner}/{repo}/contents/{path}': ['.config.get('] };
    const notCalled = operations.filter((key) => ![...methodsOf(key), ...(alsoBy[key] ?? []), `'${key}`].some((call) => source.includes(call)));
    expect(notCalled).toEqual([]);
  });
});

/** Every TypeScript file under `dir`, concatenated. */
function sourceText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? sourceText(path) : path.endsWith('.ts') ? readFileSync(path, 'utf8') : ''))
    .join('\n');
}
