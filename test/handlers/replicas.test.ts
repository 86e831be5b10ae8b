/**
 * Replicas that agree (issue 10 § 3): App instances sharing one stateful fake GitHub, as two
 * replicas behind a load balancer share github.com. Every event is planned with the charters of
 * the governance repository's current default-branch commit, whichever instance received the
 * push; deliveries for one issue at the same moment write once; a duplicate comment two replicas
 * wrote is removed by the next event.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { commentPayload, loopProbot, payloadBase } from '../../bench/governance-loop.js';
import { linkedMarker } from '../../src/linking/markers.js';
import { INTEREST_GROUP, WORKING_GROUP } from '../charters/helpers.js';
import { freshFakeGovernance } from '../support/fake-governance.js';
import type { FakeGovernance } from '../support/fake-governance.js';
import type { FakeActor } from '../support/fake-governance.js';

const REPO = 'example-org/governance';
const PERSON: FakeActor = { login: 'someone', type: 'User' };
const TOOLS = WORKING_GROUP.replace('id: registry', 'id: tools').replace('Registry Working Group', 'Tools Working Group').replace('  - modelcontextprotocol/registry', '  - example-org/tools');

let fake: FakeGovernance;
let a: Probot;
let b: Probot;

beforeEach(async () => {
  fake = freshFakeGovernance(REPO, { 'registry.yaml': WORKING_GROUP, 'security.yaml': INTEREST_GROUP });
  [a, b] = [await loopProbot(), await loopProbot()];
});

afterEach(() => {
  fake.uninstall();
  fake.assertClean();
});

let n = 0;
const say = async (app: Probot, number: number, body: string, at = '2026-12-01T10:00:00Z') => {
  const comment = fake.comment(REPO, number, at, PERSON, body);
  await app.receive({ id: `c-${(n += 1)}`, name: 'issue_comment', payload: commentPayload(fake, fake.get(REPO, number), comment, PERSON) } as never);
};
const linkComments = (number: number, id: string) => fake.commentsOn(REPO, number).filter((c) => c.by === fake.app.login && c.body.includes(linkedMarker(id)));

describe('two App instances on one GitHub', () => {
  it('the instance that did not receive the push serves the next event with the new commit\'s charters', async () => {
    const issue = fake.add({ repo: REPO, title: 'Tools', createdAt: '2026-12-01T09:00:00Z' });
    await say(b, issue.number, '/wg registry');
    expect(fake.get(REPO, issue.number).labels).toEqual(['wg:registry']);

    // A maintainer merges groups/tools.yaml. GitHub delivers the push to the other replica; in
    // this process both instances share the module's cache, which that delivery would refresh,
    // so it is not delivered here: B's cache still holds the old commit's charters.
    fake.charters = { ...fake.charters, 'tools.yaml': TOOLS };
    fake.defaultSha = 'd'.repeat(40);
    await say(b, issue.number, '/wg tools', '2026-12-01T11:00:00Z');
    expect(fake.get(REPO, issue.number).labels).toEqual(['wg:registry', 'wg:tools']);
    expect(linkComments(issue.number, 'tools')).toHaveLength(1);
  });

  it('a push delivered to one instance syncs the labels there; the other links with them', async () => {
    const issue = fake.add({ repo: REPO, title: 'Tools', createdAt: '2026-12-01T09:00:00Z' });
    fake.charters = { ...fake.charters, 'tools.yaml': TOOLS };
    fake.defaultSha = 'd'.repeat(40);
    await a.receive({ id: 'push', name: 'push', payload: { ...payloadBase(fake, PERSON), ref: 'refs/heads/main', before: 'c'.repeat(40), after: fake.defaultSha, deleted: false, forced: false, commits: [{ id: fake.defaultSha, added: ['groups/tools.yaml'], modified: [], removed: [] }] } } as never);
    expect((fake.repoLabels.get(REPO) ?? []).map((l) => l.name).sort()).toEqual(['ig:security', 'wg:registry', 'wg:tools']);
    await say(b, issue.number, '/wg tools', '2026-12-01T11:00:00Z');
    expect(fake.get(REPO, issue.number).labels).toEqual(['wg:tools']);
  });

  it('two "/wg registry" comments delivered at the same moment to one instance write one link comment', async () => {
    const issue = fake.add({ repo: REPO, title: 'Registry', createdAt: '2026-12-01T09:00:00Z' });
    const first = fake.comment(REPO, issue.number, '2026-12-01T10:00:00Z', PERSON, '/wg registry');
    const second = fake.comment(REPO, issue.number, '2026-12-01T10:00:01Z', PERSON, '/wg registry');
    await Promise.all([first, second].map((c, i) => b.receive({ id: `same-${i}`, name: 'issue_comment', payload: commentPayload(fake, fake.get(REPO, issue.number), c, PERSON) } as never)));
    expect(linkComments(issue.number, 'registry')).toHaveLength(1);
    expect(fake.get(REPO, issue.number).labels).toEqual(['wg:registry']);
  });

  it('a duplicate link comment that two replicas wrote at once is removed by the next event; the earliest stays', async () => {
    const issue = fake.add({ repo: REPO, title: 'Registry', labels: ['wg:registry'], createdAt: '2026-12-01T09:00:00Z' });
    const kept = fake.comment(REPO, issue.number, '2026-12-01T10:00:00Z', fake.app, `${linkedMarker('registry')}\nlinked`);
    fake.comment(REPO, issue.number, '2026-12-01T10:00:00Z', fake.app, `${linkedMarker('registry')}\nlinked`);
    await say(a, issue.number, '/wg registry', '2026-12-01T12:00:00Z');
    expect(linkComments(issue.number, 'registry').map((c) => c.id)).toEqual([kept.id]);
  });
});
