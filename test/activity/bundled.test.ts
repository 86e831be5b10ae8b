/**
 * The evaluation over the bundled snapshot (real MCP activity) and the real charters in groups/,
 * as of the snapshot's date. Asserts properties that follow from the data and the rules — checked
 * against a separate, naive reading of the same data — never a hard-coded list of verdicts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { DAY_MS } from '../../src/activity/dates.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import type { GroupVerdict } from '../../src/activity/evaluate.js';
import { planRetirement } from '../../src/activity/retirement.js';
import { parseSnapshot } from '../../src/activity/snapshot.js';
import type { Snapshot } from '../../src/activity/snapshot.js';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import type { Charter } from '../../src/charters/schema.js';
import { validateCharters } from '../../src/charters/validate.js';
import { FakeRepo } from './fake-github.js';
import { APP, ROOT } from './helpers.js';

const WINDOW = 30;
const GOV = 'modelcontextprotocol/modelcontextprotocol';
let snap: Snapshot;
let now: number;
let charters: Charter[];
let verdicts: GroupVerdict[];

beforeAll(async () => {
  snap = parseSnapshot(await readFile(join(ROOT, 'snapshots', 'mcp-activity.json')));
  now = Date.parse(snap.generated_at);
  charters = validateCharters(await readCharterDirectory(join(ROOT, 'groups')), { now: new Date(now) }).charters.map((c) => c.charter);
  verdicts = evaluateActivity({ charters, snapshot: snap, now, inactivityDays: WINDOW, botLogins: [], appLogin: APP });
});

/** A naive reading of the rules: scan every item for the group, take the latest non-bot, non-label event. */
function naive(charter: Charter): { count: number; last: number | null } {
  const prefix = charter.type === 'working' ? 'wg' : 'ig';
  const labels = [charter.id, ...(charter.previous_ids ?? [])].map((id) => `${prefix}:${id}`);
  const repos = (charter.repos ?? []).map((r) => r.toLowerCase());
  const urls = [charter.first_work, ...(charter.deliverables ?? [])].flatMap((u) => {
    const m = u ? /github\.com\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)/.exec(u) : null;
    return m ? [`${m[1]!.toLowerCase()}#${m[2]}`] : [];
  });
  const work = snap.items.filter(
    (i) => i.labels.some((l) => labels.includes(l.toLowerCase())) || repos.includes(i.repo.toLowerCase()) || urls.includes(`${i.repo.toLowerCase()}#${i.number}`),
  );
  const times = work.flatMap((i) => i.events.filter((e) => e.kind !== 'labeled' && e.actor_type !== 'Bot' && !e.actor?.endsWith('[bot]')).map((e) => Date.parse(e.at)));
  return { count: work.length, last: times.length ? Math.max(...times) : null };
}

describe('the bundled snapshot with the real charters, as of its date', () => {
  it('has real data and one verdict per charter', () => {
    expect(snap.items.length).toBeGreaterThan(100);
    expect(verdicts.map((v) => v.id)).toEqual(charters.map((c) => c.id));
  });

  it('finds for each group the work and the last human activity a naive scan finds', () => {
    for (const [i, v] of verdicts.entries()) {
      const charter = charters[i]!;
      if (charter.status === 'retired') continue;
      const expected = naive(charter);
      expect({ id: v.id, count: v.items_counted, last: v.last_activity ? Date.parse(v.last_activity.at) : null }).toEqual({ id: v.id, ...expected });
    }
  });

  it('gives each group the verdict its own evidence calls for', () => {
    for (const [i, v] of verdicts.entries()) {
      const charter = charters[i]!;
      const last = v.last_activity ? Date.parse(v.last_activity.at) : null;
      const formed = Date.parse(`${charter.formed}T00:00:00Z`);
      const done = v.deliverables.length > 0 && v.deliverables.every((d) => d.state === 'closed' || d.state === 'merged');
      const expected =
        charter.status === 'retired'
          ? 'retired'
          : charter.type === 'working' && done
            ? 'completed'
            : last !== null && now - last < WINDOW * DAY_MS
              ? 'active'
              : now - formed < WINDOW * DAY_MS
                ? 'grace'
                : 'idle';
      expect(`${v.id}: ${v.verdict}`).toBe(`${v.id}: ${expected}`);
      if (v.type === 'interest') expect(v.deliverables).toEqual([]);
      if (last !== null && (v.verdict === 'idle' || v.verdict === 'active')) expect(v.reason).toContain(v.last_activity!.at.slice(0, 10));
    }
  });

  it('counts the renamed repository for the group whose charter names it', () => {
    for (const charter of charters.filter((c) => c.status === 'active')) {
      const owned = snap.items.filter((i) => (charter.repos ?? []).some((r) => r.toLowerCase() === i.repo.toLowerCase())).length;
      expect(verdicts.find((v) => v.id === charter.id)!.items_counted).toBeGreaterThanOrEqual(owned);
    }
  });

  it('plans one retirement issue per idle or completed working group, and nothing on a re-run', () => {
    const repo = new FakeRepo();
    const plan = () => planRetirement({ verdicts, charters, existing: repo.existing(), governanceRepo: GOV, now, inactivityDays: WINDOW, appLogin: APP });
    const first = plan();
    const opened = first.flatMap((a) => (a.kind === 'create-issue' && a.labels.includes('group-retirement') ? [a.labels[1]] : []));
    const due = verdicts.filter((v) => v.type === 'working' && v.status === 'active' && (v.verdict === 'idle' || v.verdict === 'completed')).map((v) => v.label);
    expect(opened).toEqual(due);
    expect(first.filter((a) => a.kind !== 'create-issue')).toEqual([]);
    repo.apply(first, snap.generated_at);
    expect(plan()).toEqual([]);
  });
});
