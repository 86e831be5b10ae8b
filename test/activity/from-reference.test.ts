import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REFERENCE_SOURCE, snapshotFromReference } from '../../src/activity/from-reference.js';
import { SnapshotError, formatSnapshot } from '../../src/activity/snapshot.js';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import { validateCharters } from '../../src/charters/validate.js';
import { ROOT } from './helpers.js';

const REFERENCE_FILE = join(ROOT, '..', 'shared', 'reference', 'mcp-activity.json');
const SNAPSHOT_FILE = join(ROOT, 'snapshots', 'mcp-activity.json');

const reference = {
  about: 'notes',
  generated_at: '2026-09-20T00:00:00Z',
  repo_activity: [],
  items: [
    {
      repo: 'modelcontextprotocol/ext-skills',
      repo_alias: 'modelcontextprotocol/experimental-ext-skills',
      number: 88,
      type: 'pull_request',
      title: 'MCP-Native Skills prototype',
      state: 'closed',
      labels: [],
      created_at: '2026-04-21T00:00:00Z',
      closed_at: null,
      author: 'helloeve',
      author_type: 'User',
      events: [{ at: '2026-04-21T00:33:02Z', actor: 'Haoyu Wang', actor_type: 'User', kind: 'commit' }],
      source: 'https://github.com/modelcontextprotocol/ext-skills/pull/88',
      group_hint: 'Skills Over MCP WG',
      group_evidence: 'in the repository',
    },
  ],
};

describe('snapshotFromReference', () => {
  it('keeps the real data: generated_at, labels as they are, events, source URL as url; drops collection notes', () => {
    const snap = snapshotFromReference(reference, { charterRepos: [] });
    expect(snap).toEqual({
      generated_at: '2026-09-20T00:00:00Z',
      source: REFERENCE_SOURCE,
      items: [
        {
          repo: 'modelcontextprotocol/ext-skills',
          number: 88,
          type: 'pull_request',
          title: 'MCP-Native Skills prototype',
          state: 'closed',
          labels: [],
          created_at: '2026-04-21T00:00:00Z',
          closed_at: null,
          author: 'helloeve',
          url: 'https://github.com/modelcontextprotocol/ext-skills/pull/88',
          events: [{ at: '2026-04-21T00:33:02Z', actor: 'Haoyu Wang', actor_type: 'User', kind: 'commit' }],
        },
      ],
    });
  });

  it('gives a renamed repository the name a charter uses, keeping the url', () => {
    const renamed = snapshotFromReference(reference, { charterRepos: ['ModelContextProtocol/Experimental-Ext-Skills'] }).items[0];
    expect(renamed?.repo).toBe('modelcontextprotocol/experimental-ext-skills');
    expect(renamed?.url).toBe('https://github.com/modelcontextprotocol/ext-skills/pull/88');
    const both = ['modelcontextprotocol/ext-skills', 'modelcontextprotocol/experimental-ext-skills'];
    expect(snapshotFromReference(reference, { charterRepos: both }).items[0]?.repo).toBe('modelcontextprotocol/ext-skills');
  });

  it('names the path when the reference data has another shape', () => {
    expect(() => snapshotFromReference({ generated_at: 'x', items: [{}] }, { charterRepos: [] })).toThrow(SnapshotError);
    expect(() => snapshotFromReference({ ...reference, generated_at: 'soon' }, { charterRepos: [] })).toThrow('generated_at: Invalid ISO datetime');
  });
});

const shared = existsSync(REFERENCE_FILE);
describe('the bundled snapshot, snapshots/mcp-activity.json', () => {
  (shared ? it : it.skip)(
    `equals what the converter makes of the reference data${shared ? '' : ` (skipped: ${REFERENCE_FILE} is absent)`}`,
    async () => {
      const data: unknown = JSON.parse(await readFile(REFERENCE_FILE, 'utf8'));
      const { charters } = validateCharters(await readCharterDirectory(join(ROOT, 'groups')), { now: new Date('2026-09-20T00:00:00Z') });
      const charterRepos = charters.flatMap((c) => c.charter.repos ?? []);
      const expected = formatSnapshot(snapshotFromReference(data, { charterRepos }));
      expect(await readFile(SNAPSHOT_FILE, 'utf8')).toBe(expected);
    },
  );
});
