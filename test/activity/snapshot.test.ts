import { describe, expect, it } from '@jest/globals';
import { MAX_SNAPSHOT_BYTES, SnapshotError, formatSnapshot, parseSnapshot } from '../../src/activity/snapshot.js';
import { event, item, snapshot } from './helpers.js';

const valid = () => snapshot([item({ events: [event('2026-09-01T10:00:00Z', 'a', 'opened'), event('2026-09-02T00:00:00+02:00', null, 'merged', null)] })]);

/** The message of the SnapshotError `fn` throws. */
function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/\n\s+at /);
    return message;
  }
  throw new Error('expected a SnapshotError');
}

describe('parseSnapshot', () => {
  it('reads the documented format, from text or bytes, with a BOM', () => {
    const text = formatSnapshot(valid());
    expect(parseSnapshot(text)).toEqual(valid());
    expect(parseSnapshot(new TextEncoder().encode(`\uFEFF${text}`))).toEqual(valid());
    expect(parseSnapshot(JSON.stringify({ ...valid(), source: 'a test' })).source).toBe('a test');
  });

  it('names the path of each problem', () => {
    const bad = valid() as unknown as { items: Array<Record<string, unknown> & { events: Array<Record<string, unknown>> }> };
    bad.items[0]!.events[0]!.kind = 'pushed';
    bad.items[0]!.evnts = [];
    bad.items[0]!.repo = 'not a repo';
    const message = problem(() => parseSnapshot(JSON.stringify(bad)));
    expect(message).toContain('items[0].events[0].kind: Invalid option');
    expect(message).toContain('items[0]: Unrecognized key: "evnts"');
    expect(message).toContain('items[0].repo: must be owner/name');
  });

  it('rejects bad instants, a merged issue and an item listed twice', () => {
    expect(problem(() => parseSnapshot(JSON.stringify({ ...valid(), generated_at: 'yesterday' })))).toContain('generated_at: Invalid ISO datetime');
    expect(problem(() => parseSnapshot(JSON.stringify(snapshot([item({ state: 'merged' })]))))).toContain('items[0].state: only a pull_request can be "merged"');
    expect(problem(() => parseSnapshot(JSON.stringify(snapshot([item(), item({ repo: 'ModelContextProtocol/Other' })]))))).toContain(
      'items[1]: ModelContextProtocol/Other#1 is already items[0]',
    );
  });

  it('turns input that is not a snapshot into a clear error', () => {
    expect(problem(() => parseSnapshot('{"generated_at":'))).toMatch(/^invalid snapshot: not valid JSON/);
    expect(problem(() => parseSnapshot('[]'))).toContain('(top level): Invalid input');
    expect(problem(() => parseSnapshot(new Uint8Array([0x7b, 0xff, 0x7d])))).toBe('invalid snapshot: the snapshot is not UTF-8 text');
    expect(problem(() => parseSnapshot(' '.repeat(MAX_SNAPSHOT_BYTES + 1)))).toContain(`at most ${MAX_SNAPSHOT_BYTES} are read`);
  });

  it('lists at most ten problems and counts the rest', () => {
    const many = snapshot(Array.from({ length: 15 }, (_, i) => ({ ...item({ number: i + 1 }), number: -1 - i })));
    expect(problem(() => parseSnapshot(JSON.stringify(many)))).toMatch(/; 5 more problems$/);
  });
});
