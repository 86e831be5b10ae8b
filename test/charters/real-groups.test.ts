/**
 * MCP's real groups: the charters in `groups/` are valid, named after their ids, break only
 * conventions (warnings), agree with the reference data gathered from public sources, and the
 * committed JSON Schema is the one the zod schema generates.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { charterStem } from '../../src/charters/parse.js';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import { charterJsonSchema } from '../../src/charters/schema.js';
import type { Charter } from '../../src/charters/schema.js';
import { validateCharters } from '../../src/charters/validate.js';
import type { ValidationResult } from '../../src/charters/validate.js';
import { NOW } from './helpers.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const groupsDir = resolve(repoRoot, 'groups');
const referenceFile = resolve(repoRoot, '../shared/reference/mcp-groups.json');

/**
 * The warnings MCP's real groups may have: conventions some real groups break. Not
 * `retired-date-missing`: a retirement no record dates says `on: unknown`.
 */
const CONVENTION_WARNINGS = ['discord-suffix', 'discord-missing', 'deliverable-untracked'];

interface ReferenceGroup {
  id: string;
  type: 'working' | 'interest';
  status: string;
  leads?: string[];
  facilitators?: string[];
  related_groups?: string[];
}

let result: ValidationResult;
let files: string[];

beforeAll(async () => {
  const sources = await readCharterDirectory(groupsDir);
  files = sources.map((s) => s.file);
  result = validateCharters(sources, { now: NOW });
});

describe('the charters in groups/', () => {
  it('are all read, and all .yaml', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => !f.endsWith('.yaml'))).toEqual([]);
    expect(result.charters.map((c) => c.file)).toEqual(files);
  });

  it('have no errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.charters.every((c) => !c.hasErrors)).toBe(true);
  });

  it('each have the id of their file name', () => {
    const mismatched = result.charters
      .filter((c) => c.charter.id !== charterStem(c.file))
      .map((c) => `${c.file}: ${c.charter.id}`);
    expect(mismatched).toEqual([]);
  });

  it('only break conventions', () => {
    const rules = new Set(result.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.rule));
    expect([...rules].filter((rule) => !CONVENTION_WARNINGS.includes(rule))).toEqual([]);
  });

  it('each say when a retired group was retired, or that no record dates it (on: unknown)', () => {
    const retired = result.charters.filter((c) => c.charter.status === 'retired');
    expect(retired.filter((c) => c.charter.retired?.on === undefined).map((c) => c.file)).toEqual([]);
    expect(retired.filter((c) => c.charter.retired?.on === 'unknown').length).toBeGreaterThan(0);
    expect(result.diagnostics.filter((d) => d.rule === 'retired-date-missing')).toEqual([]);
  });

  it('include active and retired groups of both types', () => {
    const kinds = new Set(result.charters.map((c) => `${c.charter.type}/${c.charter.status}`));
    expect([...kinds].sort()).toEqual(['interest/active', 'interest/retired', 'working/active', 'working/retired']);
  });
});

const reference: ReferenceGroup[] | undefined = existsSync(referenceFile)
  ? (JSON.parse(readFileSync(referenceFile, 'utf8')) as ReferenceGroup[])
  : undefined;
const describeReference = reference ? describe : describe.skip;

describeReference(
  reference
    ? 'the charters agree with the reference data (../shared/reference/mcp-groups.json)'
    : `SKIPPED: no reference data at ${referenceFile}; the cross-check against it did not run`,
  () => {
    const groups = reference ?? [];
    let byId: Map<string, Charter>;
    beforeAll(() => {
      byId = new Map(result.charters.map((c) => [c.charter.id, c.charter]));
    });

    it('has a charter for every active, retired or merged group', () => {
      const chartered = groups.filter((g) => ['active', 'retired', 'merged'].includes(g.status));
      expect(chartered.length).toBeGreaterThan(20);
      expect(chartered.filter((g) => !byId.has(g.id)).map((g) => g.id)).toEqual([]);
    });

    it('has no charter for a group the reference does not know', () => {
      const known = new Set(groups.map((g) => g.id));
      expect([...byId.keys()].filter((id) => !known.has(id))).toEqual([]);
    });

    it('gives each group its type, and active groups (only) the status active', () => {
      const wrong = groups
        .filter((g) => byId.has(g.id))
        .filter((g) => {
          const charter = byId.get(g.id) as Charter;
          return charter.type !== g.type || (charter.status === 'active') !== (g.status === 'active');
        })
        .map((g) => `${g.id}: ${g.type}/${g.status}`);
      expect(wrong).toEqual([]);
    });

    it("gives each active group the reference's leads (WG) or facilitators (IG)", () => {
      const active = groups.filter((g) => g.status === 'active' && byId.has(g.id));
      expect(active.length).toBeGreaterThan(10);
      for (const g of active) {
        const expected = g.type === 'working' ? g.leads : g.facilitators;
        expect({ id: g.id, facilitators: byId.get(g.id)?.facilitators }).toEqual({ id: g.id, facilitators: expected });
      }
    });

    it("lists as related groups of an interest group only groups the reference relates to it", () => {
      for (const g of groups.filter((r) => r.type === 'interest' && byId.has(r.id))) {
        const related = byId.get(g.id)?.related_groups ?? [];
        const allowed = new Set(g.related_groups ?? []);
        expect({ id: g.id, unrelated: related.filter((id) => !allowed.has(id)) }).toEqual({ id: g.id, unrelated: [] });
      }
    });
  },
);

describe('groups/charter.schema.json', () => {
  it('is the JSON Schema generated from the zod schema', () => {
    const committed = readFileSync(resolve(groupsDir, 'charter.schema.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(charterJsonSchema(), null, 2)}\n`);
  });
});
