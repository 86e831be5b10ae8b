/**
 * The generated GraphQL types cover what the App sends: every operation named in src/ is one of
 * the documents `scripts/graphql-types.ts` generates from (CI then checks the generated file is
 * current: `graphql-types.js --check`), and the generator refuses a document GitHub's schema does not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Kind } from 'graphql';
import { DOCUMENTS, mergedDocument } from '../../scripts/graphql-types.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.generated.ts') ? [join(dir, e.name)] : []));
}

describe('the GraphQL documents the types are generated from', () => {
  const operations = new Set(mergedDocument(DOCUMENTS).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [])));

  it('include every operation src/ names', () => {
    const named = new Set<string>();
    for (const file of sourceFiles('src')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bGroupSteward[A-Z][A-Za-z]*\b/g)) {
        if (!/(Query|QueryVariables|Fragment)$/.test(m[0])) named.add(m[0]);
      }
    }
    expect(named.size).toBeGreaterThanOrEqual(10);
    expect([...named].filter((name) => !operations.has(name))).toEqual([]);
  });

  it('are refused when a field is not in GitHub\'s schema, naming the document', () => {
    expect(() => mergedDocument({ 'probe': 'query GroupStewardProbe { viewer { login notAField } }' })).toThrow(/probe: Cannot query field "notAField" on type "User"/);
  });

  it('are refused when one fragment name has two selections', () => {
    const a = 'query A { viewer { ...Who } } fragment Who on User { login }';
    const b = 'query B { viewer { ...Who } } fragment Who on User { name }';
    expect(() => mergedDocument({ a, b })).toThrow(/b: fragment Who differs/);
    expect(mergedDocument({ a, a2: a.replace('query A', 'query A2') }).definitions).toHaveLength(3);
  });
});
