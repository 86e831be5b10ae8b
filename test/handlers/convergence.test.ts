/**
 * Plans that converge (issue 22 § 2): every handler plans from the thread as it is now, so a
 * redelivery, or the next event on the same thread, completes what a process cut left half done,
 * and writes nothing once all is done. Each case cuts the delivery at every write position (the
 * fake GitHub answers that write with a failure nothing retries, as a killed process leaves it),
 * (`FAILURES.cut`), then delivers again (all is completed), then once more (nothing is written). The real App on
 * Probot, against the stateful fake GitHub: GraphQL validated against GitHub's schema, REST against
 * its OpenAPI description.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { chartersOf, commentPayload, issuePayload, loopProbot, payloadBase, pullPayload, renderFormBody, reviewPayload, WG_ANSWERS } from '../../bench/governance-loop.js';
import { RETIREMENT_LABEL, retirementMarker } from '../../src/activity/markers.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import { planRetirement } from '../../src/activity/retirement.js';
import { CHARTER_CHECK_NAME } from '../../src/checks/charter-report.js';
import { linkedMarker } from '../../src/linking/markers.js';
import { GROUP_REQUEST_LABEL, WORKING_GROUP_FORM } from '../../src/requests/forms.js';
import { FakeRepo } from '../activity/fake-github.js';
import { APP, fullCoverage, NOW, snapshot, WINDOW_DAYS, workingGroup } from '../activity/helpers.js';
import { INTEREST_GROUP, WORKING_GROUP } from '../charters/helpers.js';
import { FAILURES, freshFakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeGovernance, FakeItem } from '../support/fake-governance.js';

const REPO = 'example-org/governance';
const PERSON: FakeActor = { login: 'someone', type: 'User' };
const REQUESTER: FakeActor = { login: 'octocat', type: 'User', id: 1001 };
const MODERATOR: FakeActor = { login: 'a-moderator', type: 'User' };
const CONFIG = 'vote:\n  moderators:\n    logins: [a-moderator]\n';

let fake: FakeGovernance;
let probot: Probot;

afterEach(() => {
  fake.uninstall();
  fake.assertClean();
});

let n = 0;
/** Delivers `name` with `payload` under delivery id `id` (a redelivery reuses it). */
const deliver = (name: string, payload: unknown, id = `d-${(n += 1)}`) => probot.receive({ id, name, payload } as never);
/** Delivers, expecting the cut (the injected failure ends the handler). */
const cut = async (name: string, payload: unknown, id: string) => expect(deliver(name, payload, id)).rejects.toThrow();
const appComments = (item: FakeItem) => fake.commentsOn(REPO, item.number).filter((c) => c.by === fake.app.login);

/**
 * Cuts `run` at each write of `writes` (a request kind and its position among the requests of
 * that kind), and after each cut runs `complete` (a redelivery, a later event) and then `again`:
 * `check` must hold after `complete`, and `again` must write nothing.
 */
async function cutEverywhere<T>(
  writes: readonly [kind: string, nth: number][],
  setup: () => Promise<T> | T,
  run: (thing: T, id: string) => Promise<unknown>,
  complete: (thing: T, id: string) => Promise<unknown>,
  check: (thing: T) => void,
  again: (thing: T, id: string) => Promise<unknown> = complete,
): Promise<void> {
  for (const [kind, nth] of writes) {
    const thing = await setup();
    const id = `cut-${kind}-${nth}-${(n += 1)}`;
    fake.fail(kind, FAILURES.cut, { nth });
    await run(thing, id);
    await complete(thing, id);
    check(thing);
    const from = fake.requests.length;
    await again(thing, id);
    expect({ cut: `${kind} #${nth}`, writes: fake.writes(from) }).toEqual({ cut: `${kind} #${nth}`, writes: [] });
  }
}

describe('linking: a group label without its link comment', () => {
  beforeEach(async () => {
    fake = freshFakeGovernance(REPO, { 'registry.yaml': WORKING_GROUP, 'security.yaml': INTEREST_GROUP });
    probot = await loopProbot();
  });

  const labels = (issue: FakeItem) => `POST /repos/${REPO}/issues/${issue.number}/labels`;
  const links = (issue: FakeItem, id: string) => appComments(issue).filter((c) => c.body.includes(linkedMarker(id)));
  const commented = (issue: FakeItem, body: string) => fake.comment(REPO, issue.number, '2026-12-01T10:00:00Z', PERSON, body);
  const say = (issue: FakeItem, body: string, id: string, comment = commented(issue, body)) => deliver('issue_comment', commentPayload(fake, fake.get(REPO, issue.number), comment, PERSON), id);
  const newIssue = () => fake.add({ repo: REPO, title: 'Registry', createdAt: '2026-12-01T09:00:00Z' });

  it('"/wg registry" cut at the label or the comment: its redelivery completes it, with one comment, and then costs one read', async () => {
    let comment: ReturnType<FakeGovernance['comment']> | undefined;
    const payload = (issue: FakeItem) => commentPayload(fake, issue, comment as NonNullable<typeof comment>, PERSON);
    await cutEverywhere(
      [['POST comment', 1]],
      () => {
        const issue = newIssue();
        comment = commented(issue, '/wg registry');
        return issue;
      },
      (issue, id) => cut('issue_comment', payload(issue), id),
      // The same delivery again: its payload still lists the labels of before the cut.
      (issue, id) => deliver('issue_comment', payload(issue), id),
      (issue) => {
        expect(fake.get(REPO, issue.number).labels).toEqual(['wg:registry']);
        expect(links(issue, 'registry')).toHaveLength(1);
      },
    );
    // The label write cut needs its own kind: the labels path names the issue.
    const issue = newIssue();
    comment = commented(issue, '/wg registry');
    fake.fail(labels(issue), FAILURES.cut);
    await cut('issue_comment', payload(issue), 'label-cut');
    expect(fake.get(REPO, issue.number).labels).toEqual([]);
    await deliver('issue_comment', payload(issue), 'label-cut');
    expect(links(issue, 'registry')).toHaveLength(1);
    const from = fake.requests.length;
    await deliver('issue_comment', payload(issue), 'label-cut');
    // At steady state: the one read of the thread, as before (the installation token is cached).
    expect(fake.kinds(from)).toEqual(['graphql GroupStewardWork']);
  });

  it('a later command on the thread links the group the cut left without its comment, in the same one comment', async () => {
    await cutEverywhere(
      [['POST comment', 1]],
      newIssue,
      (issue, id) => expect(say(issue, '/wg registry', id)).rejects.toThrow(),
      (issue) => say(issue, '/ig security', 'later'),
      (issue) => {
        expect(fake.get(REPO, issue.number).labels).toEqual(['wg:registry', 'ig:security']);
        const [link, ...more] = appComments(issue);
        expect(more).toEqual([]);
        expect(link?.body).toContain(linkedMarker('registry'));
        expect(link?.body).toContain(linkedMarker('security'));
      },
      (issue) => say(issue, '/ig security', 'later-again'),
    );
  });

  it('an edit adding a command, cut at the comment, is completed by its redelivery: one comment for the label it added and the one there before', async () => {
    let before = '';
    const edited = (issue: FakeItem) => issuePayload(fake, issue, 'edited', PERSON, before);
    await cutEverywhere(
      [['POST comment', 1]],
      () => {
        // Labelled before the App was installed: no link comment.
        const issue = fake.add({ repo: REPO, title: 'Registry', body: 'A bug.', labels: ['wg:registry'], createdAt: '2026-12-01T09:00:00Z' });
        before = issue.body;
        issue.body = 'A bug.\n/ig security';
        return issue;
      },
      (issue, id) => cut('issues', edited(issue), id),
      (issue, id) => deliver('issues', edited(issue), id),
      (issue) => {
        expect(fake.get(REPO, issue.number).labels).toEqual(['wg:registry', 'ig:security']);
        expect(appComments(issue)).toHaveLength(1);
        expect(links(issue, 'registry')).toHaveLength(1);
        expect(links(issue, 'security')).toHaveLength(1);
      },
    );
  });
});

describe('the governance loop', () => {
  beforeEach(async () => {
    // A few of MCP's real charters and their directory: the loop's writes are the same as with all.
    const real = chartersOf('groups');
    fake = freshFakeGovernance(REPO, Object.fromEntries(['interceptors.yaml', 'registry.yaml', 'README.md'].map((f) => [f, real[f] as string])));
    fake.configs.set(REPO, CONFIG);
    fake.now = new Date('2026-12-01T10:00:00Z');
    probot = await loopProbot();
  });

  const requestBody = renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS);
  const newRequest = () => fake.add({ repo: REPO, title: '[WG request] Tool Filtering', body: requestBody, labels: [GROUP_REQUEST_LABEL], author: REQUESTER, createdAt: '2026-11-30T23:30:00Z' });
  const pullOf = (issue: FakeItem) => fake.governancePulls().filter((p) => p.headRef === `group-steward/request-${issue.number}`);

  it('an open creation request cut at any write gets its one pull request and its reply from the redelivery (or an edit)', async () => {
    const opened = (issue: FakeItem, id: string) => deliver('issues', issuePayload(fake, issue, 'opened', REQUESTER), id);
    const complete = (issue: FakeItem) => {
      expect(pullOf(issue)).toHaveLength(1);
      expect(Object.keys(fake.branchFiles(`group-steward/request-${issue.number}`))).toEqual(expect.arrayContaining(['tool-filtering.yaml', 'README.md']));
      expect(appComments(issue).map((c) => c.body)).toEqual([expect.stringContaining(`is proposed in #${pullOf(issue)[0]?.number}`)]);
    };
    await cutEverywhere(
      [['POST branch', 1], ['PUT file', 1], ['PUT file', 2], ['POST pull', 1], ['POST comment', 1]],
      newRequest,
      (issue, id) => expect(opened(issue, id)).rejects.toThrow(),
      opened,
      complete,
    );
    // Or the requester's next edit of the answers.
    const issue = newRequest();
    fake.fail('POST pull', FAILURES.cut);
    await expect(opened(issue, 'edit-completes')).rejects.toThrow();
    const before = issue.body;
    issue.body = renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'use-cases': 'Filtering tools by task.' });
    await deliver('issues', issuePayload(fake, issue, 'edited', REQUESTER, before));
    complete(issue);
  });

  it('a charter pull request cut before its check runs gets them from the redelivery, or from a review; then nothing', async () => {
    const checkRuns = `POST /repos/${REPO}/check-runs`;
    const opened = async (pull: FakeItem, id: string) => deliver('pull_request', pullPayload(fake, pull, 'opened', fake.app), id);
    const runsOn = (pull: FakeItem) => fake.checkRuns.filter((r) => r.head_sha === fake.restPull(pull).head.sha).map((r) => `${r.name}: ${r.status}`);
    const newPull = async () => {
      const issue = newRequest();
      await deliver('issues', issuePayload(fake, issue, 'opened', REQUESTER));
      return pullOf(issue)[0] as FakeItem;
    };
    await cutEverywhere(
      [[checkRuns, 1], [checkRuns, 2]],
      newPull,
      (pull, id) => expect(opened(pull, id)).rejects.toThrow(),
      opened,
      (pull) => expect(runsOn(pull)).toEqual([`${CHARTER_CHECK_NAME}: completed`, 'Group creation vote: in_progress']),
    );

    // Cut before "Group charters": a moderator's review posts it, with the vote, from its one read.
    const pull = await newPull();
    fake.fail(checkRuns, FAILURES.cut);
    await expect(opened(pull, 'review-completes')).rejects.toThrow();
    expect(runsOn(pull)).toEqual([]);
    fake.review(pull.number, '2026-12-01T11:00:00Z', MODERATOR, 'COMMENTED');
    const from = fake.requests.length;
    await deliver('pull_request_review', reviewPayload(fake, pull, MODERATOR, 'commented'));
    expect(fake.kinds(from)).toEqual(['graphql GroupStewardPullRequestCharters', checkRuns, checkRuns]);
    expect(runsOn(pull)).toEqual([`${CHARTER_CHECK_NAME}: completed`, 'Group creation vote: in_progress']);
    const next = fake.requests.length;
    await deliver('pull_request_review', reviewPayload(fake, pull, MODERATOR, 'commented'));
    expect(fake.kinds(next)).toEqual(['graphql GroupStewardPullRequestCharters']);
  });

  it('a merged retirement pull request cut before its issue is settled closes it, with one comment, on the redelivery', async () => {
    const groups = ['interceptors', 'registry'];
    const retire = async () => {
      const group = groups.shift() as string;
      const issue = fake.add({ repo: REPO, title: `Retire ${group}?`, body: `${retirementMarker(group)}\nIdle for 40 days.`, labels: [RETIREMENT_LABEL, `wg:${group}`], author: fake.app, createdAt: '2026-11-20T00:00:00Z' });
      const comment = fake.comment(REPO, issue.number, '2026-12-01T12:00:00Z', MODERATOR, '/retire no activity since the spring');
      await deliver('issue_comment', commentPayload(fake, issue, comment, MODERATOR));
      const pull = fake.governancePulls().find((p) => p.headRef === `group-steward/retire-${group}` && p.state === 'open') as FakeItem;
      const merged = fake.merge(pull.number, '2026-12-02T09:00:00Z', MODERATOR);
      return { issue, payload: { action: 'closed', number: merged.number, ...payloadBase(fake, MODERATOR), pull_request: merged } };
    };
    await cutEverywhere(
      [['PATCH issue', 1], ['POST comment', 1]],
      retire,
      ({ payload }, id) => cut('pull_request', payload, id),
      ({ payload }, id) => deliver('pull_request', payload, id),
      ({ issue }) => {
        expect(fake.get(REPO, issue.number)).toMatchObject({ state: 'closed', stateReason: 'COMPLETED' });
        expect(appComments(issue).filter((c) => c.body.includes('Retired: #'))).toHaveLength(1);
      },
    );
  });
});

describe('the scheduled job, when the merge event never came', () => {
  it('closes the open retirement issue of a group its charter now records as retired, with the reason, once', () => {
    const repo = new FakeRepo();
    const active = [workingGroup()];
    const plan = (charters: typeof active) =>
      planRetirement({
        verdicts: evaluateActivity({ charters, snapshot: snapshot([], fullCoverage(charters, NOW)), now: NOW, inactivityDays: WINDOW_DAYS, botLogins: [], appLogin: APP }),
        charters,
        existing: repo.existing(),
        governanceRepo: REPO,
        now: NOW,
        inactivityDays: WINDOW_DAYS,
        appLogin: APP,
      });
    repo.apply(plan(active), new Date(NOW).toISOString());
    const onIssue = (actions: ReturnType<typeof plan>) => actions.filter((a) => 'number' in a && a.number === 1);
    expect(onIssue(plan(active))).toEqual([]);
    const retired = [workingGroup({ status: 'retired', retired: { on: '2026-09-19', reason: 'Folded into transports.' } })];
    const settle = onIssue(plan(retired));
    expect(settle.map((a) => a.kind)).toEqual(['create-comment', 'update-issue']);
    expect(settle[0]).toMatchObject({ body: expect.stringContaining('now records the Registry Working Group as retired') });
    repo.apply(plan(retired), new Date(NOW).toISOString());
    expect(onIssue(plan(retired))).toEqual([]);
  });
});
