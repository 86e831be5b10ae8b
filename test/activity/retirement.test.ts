import { describe, expect, it } from '@jest/globals';
import { DAY_MS } from '../../src/activity/dates.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import { RETIREMENT_LABEL, readRetirementMarker, retirementMarker } from '../../src/activity/markers.js';
import { planRetirement } from '../../src/activity/retirement.js';
import type { SnapshotItem } from '../../src/activity/snapshot.js';
import type { Charter } from '../../src/charters/schema.js';
import type { PlanAction } from '../../src/plan/actions.js';
import { FakeRepo } from './fake-github.js';
import { APP, NOW, WINDOW_DAYS, daysAgo, event, interestGroup, fullCoverage, item, snapshot, workingGroup } from './helpers.js';

const GOV = 'modelcontextprotocol/modelcontextprotocol';
const REGISTRY = 'modelcontextprotocol/registry';
const TRANSPORTS = 'modelcontextprotocol/transports-wg';
const CHARTERS: Charter[] = [
  workingGroup(),
  workingGroup({ id: 'transports', name: 'Transports Working Group', facilitators: ['kurtisvg'], repos: [TRANSPORTS], previous_ids: ['transport'] }),
  interestGroup(),
];
/** Charters whose verdicts do not change as time passes without new items: Registry and Security. */
const IDLE_ONLY: Charter[] = [CHARTERS[0]!, CHARTERS[2]!];
/** Registry idle since 50 days before NOW; Transports active; Security (an IG) idle. */
const ITEMS: SnapshotItem[] = [
  item({ repo: REGISTRY, number: 391, events: [event(daysAgo(60), 'lyz1990', 'opened'), event(daysAgo(50), 'rdimitrov')] }),
  item({ repo: TRANSPORTS, number: 50, type: 'pull_request', events: [event(daysAgo(2), 'kurtisvg', 'opened')] }),
];

function plan(repo: FakeRepo, items: SnapshotItem[] = ITEMS, now: number = NOW, charters: Charter[] = CHARTERS): PlanAction[] {
  const verdicts = evaluateActivity({ charters, snapshot: snapshot(items, fullCoverage(charters, now)), now, inactivityDays: WINDOW_DAYS, botLogins: [], appLogin: APP });
  return planRetirement({ verdicts, charters, existing: repo.existing(), governanceRepo: GOV, now, inactivityDays: WINDOW_DAYS, appLogin: APP });
}
const iso = (ms: number) => new Date(ms).toISOString();
const kinds = (actions: PlanAction[]) => actions.map((a) => `${a.kind}${'number' in a ? ` #${a.number}` : ''}`);

describe('retirement issues (SEP-1302 § WG Lifecycle)', () => {
  it('opens one issue for an idle working group, none for active groups or interest groups', () => {
    const actions = plan(new FakeRepo());
    expect(kinds(actions)).toEqual(['create-issue', 'create-issue']);
    const issue = actions[0] as Extract<PlanAction, { kind: 'create-issue' }>;
    expect(issue).toMatchObject({ repo: GOV, title: 'Retire the Registry Working Group? (wg:registry: no activity for 30+ days)', labels: [RETIREMENT_LABEL, 'wg:registry'] });
    expect(readRetirementMarker(issue.body)).toBe('registry');
    expect(issue.body.startsWith(retirementMarker('registry'))).toBe(true);
    expect(issue.body).toContain(`since **${daysAgo(50).slice(0, 10)}**, and the window is 30 days`);
    expect(issue.body).toContain(`a comment by \`rdimitrov\` on ${daysAgo(50).slice(0, 10)}, on [${REGISTRY}#391](https://github.com/${REGISTRY}/issues/391)`);
    expect(issue.body).toContain('**Items read:** 1');
    expect(issue.body).toContain('@rdimitrov');
    expect(issue.body).toContain("The decision is the community moderators' and core maintainers'");
    expect(issue.body).toContain('closes this issue automatically');
    expect(actions[1]).toMatchObject({ kind: 'create-issue', title: 'Group health dashboard' });
  });

  it('plans nothing on a re-run with the same evidence, even days later', () => {
    const repo = new FakeRepo();
    repo.apply(plan(repo), iso(NOW));
    expect(plan(repo)).toEqual([]);
    expect(repo.issues).toHaveLength(1);
    const quiet = new FakeRepo();
    quiet.apply(plan(quiet, ITEMS, NOW, IDLE_ONLY), iso(NOW));
    expect(plan(quiet, ITEMS, NOW + 5 * DAY_MS, IDLE_ONLY)).toEqual([]);
  });

  it('rewrites the body once when the evidence changed, and keeps a title people edited until then', () => {
    const repo = new FakeRepo();
    repo.apply(plan(repo), iso(NOW));
    const [issue] = repo.issues;
    issue!.title = 'Is the Registry WG still around?';
    expect(plan(repo)).toEqual([]);
    const withBotItem = [...ITEMS, item({ repo: REGISTRY, number: 392, events: [event(daysAgo(1), 'dependabot[bot]', 'opened', 'Bot')] })];
    const actions = plan(repo, withBotItem);
    expect(kinds(actions)).toEqual([`update-issue #${issue!.number}`]);
    expect(actions[0]).toMatchObject({ title: 'Retire the Registry Working Group? (wg:registry: no activity for 30+ days)' });
    expect((actions[0] as { body: string }).body).toContain('**Items read:** 2');
    repo.apply(actions, iso(NOW));
    expect(plan(repo, withBotItem)).toEqual([]);
  });

  it('keeps what people wrote into the body while the evidence stays the same', () => {
    const repo = new FakeRepo();
    repo.apply(plan(repo), iso(NOW));
    const [issue] = repo.issues;
    issue!.body = `${issue!.body}\nEdit: @rdimitrov says the group meets on Thursdays.`;
    expect(plan(repo)).toEqual([]);
  });

  it('retitles when an idle group becomes completed', () => {
    const spec = 'modelcontextprotocol/modelcontextprotocol';
    const charters = [workingGroup({ deliverables: [`https://github.com/${spec}/pull/2186`] }), ...CHARTERS.slice(1)];
    const open = [...ITEMS, item({ repo: spec, number: 2186, type: 'pull_request' })];
    const repo = new FakeRepo();
    repo.apply(plan(repo, open, NOW, charters), iso(NOW));
    const merged = [...ITEMS, item({ repo: spec, number: 2186, type: 'pull_request', state: 'merged' })];
    const actions = plan(repo, merged, NOW, charters);
    expect(kinds(actions)).toEqual(['update-issue #1', 'update-issue #2']);
    expect(actions[0]).toMatchObject({ title: 'Retire the Registry Working Group? (wg:registry: all planned work done)' });
    expect((actions[0] as { body: string }).body).toContain('every deliverable its charter lists is closed or merged');
    expect((actions[0] as { body: string }).body).toContain(`[${spec}#2186](https://github.com/${spec}/pull/2186): merged`);
    expect((actions[0] as { body: string }).body).toContain('an open deliverable closes this issue automatically');
    const reopened = [...ITEMS, item({ repo: spec, number: 2186, type: 'pull_request', state: 'open' })];
    repo.apply(actions, iso(NOW));
    expect(kinds(plan(repo, reopened, NOW, charters))).toEqual(['update-issue #1', 'update-issue #2']);
  });

  it('comments why, then closes, when the group is active again; first in the plan', () => {
    const repo = new FakeRepo();
    repo.apply(plan(repo), iso(NOW));
    const busy = [...ITEMS, item({ repo: REGISTRY, number: 400, events: [event(daysAgo(0.5), 'rdimitrov', 'opened')] })];
    const actions = plan(repo, busy);
    expect(kinds(actions)).toEqual(['create-comment #1', 'update-issue #1', 'update-issue #2']);
    // The reason is escaped: `owner/name#400` written raw would reference that issue.
    expect((actions[0] as { body: string }).body).toMatch(/^The Registry Working Group is active again: last human activity on \d{4}-\d{2}-\d{2} \\\(opened on modelcontextprotocol\/registry\\#\u2060400/);
    expect(actions[1]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    repo.apply(actions, iso(NOW));
    expect(plan(repo, busy)).toEqual([]);
  });

  it('leaves an issue people reopened to them, even when the group is active', () => {
    const repo = new FakeRepo();
    repo.addIssue({ state: 'open', stateReason: 'reopened', closedAt: null, body: retirementMarker('registry'), labels: [RETIREMENT_LABEL] });
    const busy = [...ITEMS, item({ repo: REGISTRY, number: 400, events: [event(daysAgo(1), 'rdimitrov')] })];
    expect(kinds(plan(repo, busy))).toEqual(['create-issue']);
  });

  it('does not raise it again within the window after people closed it as not planned; a new issue after', () => {
    const repo = new FakeRepo();
    repo.apply(plan(repo, ITEMS, NOW, IDLE_ONLY), iso(NOW));
    const closedAt = NOW + DAY_MS;
    repo.closeByPeople(1, 'not_planned', iso(closedAt));
    const within = plan(repo, ITEMS, closedAt + 29.99 * DAY_MS, IDLE_ONLY);
    expect(kinds(within)).toEqual(['update-issue #2']);
    expect((within[0] as { body: string }).body).toMatch(/\| #1 closed on \d{4}-\d{2}-\d{2}; not raised again before \d{4}-\d{2}-\d{2} \|/);
    repo.apply(within, iso(closedAt));
    expect(plan(repo, ITEMS, closedAt + 29.99 * DAY_MS, IDLE_ONLY)).toEqual([]);
    const after = plan(repo, ITEMS, closedAt + 30 * DAY_MS, IDLE_ONLY);
    expect(kinds(after)).toEqual(['create-issue', 'update-issue #2']);
    expect(after[0]).toMatchObject({ labels: [RETIREMENT_LABEL, 'wg:registry'] });
  });

  it('holds back the same way after people closed it as completed (GitHub\'s default close)', () => {
    const repo = new FakeRepo();
    repo.apply(plan(repo, ITEMS, NOW, IDLE_ONLY), iso(NOW));
    repo.closeByPeople(1, 'completed', iso(NOW));
    expect(kinds(plan(repo, ITEMS, NOW + DAY_MS, IDLE_ONLY))).toEqual(['update-issue #2']);
  });

  it('raises it again at once after the App closed it itself (activity resumed, then idle again)', () => {
    const repo = new FakeRepo();
    repo.apply(plan(repo, ITEMS, NOW, IDLE_ONLY), iso(NOW));
    const busy = [...ITEMS, item({ repo: REGISTRY, number: 400, events: [event(daysAgo(0.5), 'rdimitrov', 'opened')] })];
    repo.apply(plan(repo, busy, NOW, IDLE_ONLY), iso(NOW));
    expect(repo.issues[0]).toMatchObject({ state: 'closed', closedBy: `${APP}[bot]` });
    const later = NOW + 30 * DAY_MS;
    expect(kinds(plan(repo, busy, later, IDLE_ONLY))).toEqual(['create-issue', 'update-issue #2']);
  });

  it('finds its issue by marker and label, never by title, and follows a renamed group', () => {
    const repo = new FakeRepo();
    const title = 'Retire the Registry Working Group? (wg:registry: no activity for 30+ days)';
    repo.addIssue({ state: 'open', stateReason: null, closedAt: null, title, body: 'no marker', labels: [RETIREMENT_LABEL, 'wg:registry'] });
    repo.addIssue({ state: 'open', stateReason: null, closedAt: null, title, body: retirementMarker('registry'), labels: ['wg:registry'] });
    expect(kinds(plan(repo))).toEqual(['create-issue', 'create-issue']);

    const renamed = new FakeRepo();
    renamed.addIssue({ state: 'open', stateReason: null, closedAt: null, body: retirementMarker('transport'), labels: [RETIREMENT_LABEL] });
    expect(kinds(plan(renamed)).slice(0, 3)).toEqual(['create-comment #1', 'update-issue #1', 'create-issue']);
  });

  it('keeps one open issue per group, closing duplicates after the other writes', () => {
    const repo = new FakeRepo();
    repo.apply(plan(repo), iso(NOW));
    const dup = repo.addIssue({ ...repo.issues[0]!, state: 'open' });
    const actions = plan(repo);
    expect(kinds(actions)).toEqual([`create-comment #${dup}`, `update-issue #${dup}`]);
    expect(actions[0]).toMatchObject({ body: 'Duplicate of #1: Group Steward keeps one retirement issue per group.' });
  });

  it('never opens one for an interest group, and closes one left from when it was a working group', () => {
    const repo = new FakeRepo();
    repo.addIssue({ state: 'open', stateReason: null, closedAt: null, body: retirementMarker('security'), labels: [RETIREMENT_LABEL, 'wg:security'] });
    const actions = plan(repo);
    expect(kinds(actions)).toEqual(['create-comment #1', 'update-issue #1', 'create-issue', 'create-issue']);
    expect((actions[0] as { body: string }).body).toContain('is now an interest group');
  });

  it('orders the plan: relieve living groups, open, update evidence, duplicates, dashboard', () => {
    const charters = [...CHARTERS, workingGroup({ id: 'apps', name: 'MCP Apps Working Group', repos: ['modelcontextprotocol/ext-apps'] })];
    const repo = new FakeRepo();
    repo.addIssue({ state: 'open', stateReason: null, closedAt: null, body: `${retirementMarker('apps')} stale evidence`, labels: [RETIREMENT_LABEL] });
    repo.addIssue({ state: 'open', stateReason: null, closedAt: null, body: retirementMarker('transports'), labels: [RETIREMENT_LABEL] });
    repo.addIssue({ state: 'open', stateReason: null, closedAt: null, body: retirementMarker('apps'), labels: [RETIREMENT_LABEL] });
    expect(kinds(plan(repo, ITEMS, NOW, charters))).toEqual(['create-comment #2', 'update-issue #2', 'create-issue', 'update-issue #1', 'create-comment #3', 'update-issue #3', 'create-issue']);
  });
});
