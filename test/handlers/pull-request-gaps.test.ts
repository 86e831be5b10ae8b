/**
 * Two gaps of the charter check (issue 22): a pull request moved to another base branch
 * (`pull_request.edited` with `changes.base`) is checked again; and the failed check of an invalid
 * `.github/group-steward.yml` converges — posted once per head commit and content, not on every
 * delivery. The real App on Probot against the stateful fake GitHub (GraphQL validated against
 * GitHub's schema, REST against its OpenAPI description).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { loopProbot, pullPayload } from '../../bench/governance-loop.js';
import { CHARTER_CHECK_NAME } from '../../src/checks/charter-report.js';
import { INTEREST_GROUP, WORKING_GROUP, withLine } from '../charters/helpers.js';
import { freshFakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeGovernance, FakeItem } from '../support/fake-governance.js';

const REPO = 'example-org/governance';
const AUTHOR: FakeActor = { login: 'a-contributor', type: 'User' };
const NEW_GROUP = withLine(withLine(WORKING_GROUP, 2, 'id: tool-filtering'), 3, 'name: Tool Filtering Working Group');

let fake: FakeGovernance;
let probot: Probot;
let n = 0;
const deliver = (name: string, payload: unknown, id = `d-${(n += 1)}`) => probot.receive({ id, name, payload } as never);

beforeEach(async () => {
  fake = freshFakeGovernance(REPO, { 'registry.yaml': WORKING_GROUP, 'security.yaml': INTEREST_GROUP });
  fake.configs.set(REPO, 'vote:\n  moderators:\n    logins: [a-moderator]\n');
  probot = await loopProbot();
});
afterEach(() => {
  fake.uninstall();
  fake.assertClean();
});

/** A person's pull request adding a working group's charter. */
function charterPull(): FakeItem {
  fake.branches.set('add-tool-filtering', { sha: 'e'.repeat(40), files: { ...fake.charters, 'tool-filtering.yaml': NEW_GROUP } });
  return fake.add({ repo: REPO, type: 'pull_request', title: 'Charter the Tool Filtering WG', author: AUTHOR, createdAt: '2026-12-01T09:00:00Z', headRef: 'add-tool-filtering', baseRef: 'main' });
}
const charterRuns = (pull: FakeItem) => fake.checkRuns.filter((r) => r.head_sha === fake.restPull(pull).head.sha && r.name === CHARTER_CHECK_NAME);
const edited = (pull: FakeItem, changes: Record<string, unknown>) => ({ ...pullPayload(fake, pull, 'opened', AUTHOR), action: 'edited', changes });

describe('pull_request.edited', () => {
  it('checks the charters again when the edit changed the base branch (changes.base), and not for a new title', async () => {
    const pull = charterPull();
    await deliver('pull_request', edited(pull, { title: { from: 'Tool filtering' } }));
    expect(charterRuns(pull)).toEqual([]);
    await deliver('pull_request', edited(pull, { base: { ref: { from: 'develop' }, sha: { from: 'd'.repeat(40) } } }));
    expect(charterRuns(pull)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
  });
});

describe('an invalid .github/group-steward.yml', () => {
  it('fails the check once per head commit: a second delivery, and a redelivery, write nothing', async () => {
    fake.configs.set(REPO, 'inactivity_days: -3\n');
    const pull = charterPull();
    await deliver('pull_request', pullPayload(fake, pull, 'opened', AUTHOR), 'opened-1');
    expect(charterRuns(pull)).toEqual([expect.objectContaining({ conclusion: 'failure', output: expect.objectContaining({ title: 'Invalid configuration' }) })]);
    expect(charterRuns(pull)[0]?.external_id).toMatch(/^gs1:[0-9a-f]{32}$/);
    for (const [action, id] of [['opened', 'opened-1'], ['synchronize', 'sync-1']] as const) {
      const from = fake.requests.length;
      await deliver('pull_request', pullPayload(fake, pull, action, AUTHOR), id);
      expect({ id, writes: fake.writes(from) }).toEqual({ id, writes: [] });
    }
    expect(charterRuns(pull)).toHaveLength(1);
  });
});
