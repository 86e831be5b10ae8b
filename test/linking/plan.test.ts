import { describe, expect, it } from '@jest/globals';
import { linkedMarker, GROUP_REPLY_MARKER } from '../../src/linking/markers.js';
import { planLinking } from '../../src/linking/plan.js';
import type { LinkingInput } from '../../src/linking/plan.js';
import type { PlanAction } from '../../src/plan/actions.js';
import { applyLinkingPlan, input, REPO } from './fixtures.js';
import type { InputOverrides } from './fixtures.js';

/** Plans, applies, and plans the same delivery again: the second plan must be empty. */
function settle(given: LinkingInput): { plan: PlanAction[]; after: LinkingInput } {
  const plan = planLinking(given);
  const after = applyLinkingPlan(given, plan);
  expect(planLinking(after)).toEqual([]);
  return { plan, after };
}

function added(plan: PlanAction[]): string[] {
  return plan.flatMap((a) => (a.kind === 'add-labels' ? a.labels : []));
}

function commentBodies(plan: PlanAction[]): string[] {
  return plan.flatMap((a) => (a.kind === 'create-comment' || a.kind === 'update-comment' ? [a.body] : []));
}

describe('planLinking: commands', () => {
  it('adds the label of an active group for anyone, then links its charter once, naming the facilitators without mentioning them', () => {
    const { plan } = settle(input({ body: 'Thanks!\n/wg registry' }));
    expect(plan).toEqual([
      { kind: 'add-labels', repo: REPO, number: 7, labels: ['wg:registry'], why: expect.stringContaining('/wg registry by @reader (line 2)') },
      { kind: 'create-comment', repo: REPO, number: 7, body: expect.any(String), why: expect.stringContaining('wg:registry') },
    ]);
    const body = commentBodies(plan)[0] as string;
    expect(body).toContain(linkedMarker('registry'));
    expect(body).toContain('https://github.com/modelcontextprotocol/modelcontextprotocol/blob/HEAD/groups/registry.yaml');
    expect(body).toContain('[rdimitrov](https://github.com/rdimitrov), [tadasant](https://github.com/tadasant)');
    expect(body).not.toMatch(/(^|\s)@\w/);
    expect(body).toContain('This issue is part of the work of the **Registry Working Group**');
  });

  it('adds several groups at once, with one comment holding one marker per group', () => {
    const { plan } = settle(input({ body: '/wg registry auth\n/ig security', kind: 'pull_request' }));
    expect(added(plan)).toEqual(['wg:registry', 'wg:auth', 'ig:security']);
    const bodies = commentBodies(plan);
    expect(bodies).toHaveLength(1);
    for (const id of ['registry', 'auth', 'security']) expect(bodies[0]).toContain(linkedMarker(id));
    expect(bodies[0]).toContain('This pull request is part of the work');
  });

  it('resolves a former id to the group that has it now', () => {
    expect(added(settle(input({ body: '/wg authorization' })).plan)).toEqual(['wg:auth']);
  });

  it('never plans a label already there (ignoring case); with its link comment there too, nothing at all', () => {
    const comments = [{ id: 5, body: `${linkedMarker('registry')}\nlinked`, authorIsApp: true }];
    expect(planLinking(input({ body: '/wg registry', currentLabels: ['WG:Registry'], comments }))).toEqual([]);
  });

  it('links a group whose label the work carries without the link comment (cut between the two writes), whatever the delivery', () => {
    const cut = { currentLabels: ['bug', 'WG:Registry'] };
    for (const delivery of [
      input({ ...cut, body: '/wg registry' }),
      input({ ...cut, body: '/ig security' }),
      input({ ...cut, trigger: 'edited', body: '/wg registry\n/wg auth', previousBody: '/wg registry' }),
      input({ ...cut, kind: 'pull_request', trigger: 'synchronize', changedFiles: ['src/a.ts'] }),
      input({ ...cut, trigger: 'labeled', addedLabel: 'bug', actor: 'maintainer' }),
    ]) {
      const { plan } = settle(delivery);
      const links = plan.filter((a) => a.kind === 'create-comment');
      expect(links).toHaveLength(1);
      expect(commentBodies(links)[0]).toContain(linkedMarker('registry'));
      expect(links[0]?.why).toContain('wg:registry');
    }
    expect(planLinking(input({ ...cut, body: '/wg registry' }))[0]?.why).toBe('link to the charter of wg:registry, whose label this issue carries without its link comment');
  });

  it('links no label of a retired, former or unknown group, nor one this plan removes, nor any with comment_on_label false', () => {
    expect(planLinking(input({ currentLabels: ['wg:old-wg', 'wg:authorization', 'wg:nope'], body: '/wg' }))
      .filter((a) => a.kind === 'create-comment' && a.body.includes('group-steward:linked'))).toEqual([]);
    expect(planLinking(input({ currentLabels: ['wg:registry'], body: '/remove-wg registry', actorCanWrite: true })).map((a) => a.kind)).toEqual(['remove-label']);
    expect(planLinking(input({ currentLabels: ['wg:registry'], body: '/wg registry', linking: { comment_on_label: false } }))).toEqual([]);
  });

  it('does not link again a group whose marked comment the App already wrote', () => {
    const comments = [{ id: 5, body: `${linkedMarker('registry')}\nold text`, authorIsApp: true }];
    const plan = planLinking(input({ body: '/wg registry', comments }));
    expect(plan.map((a) => a.kind)).toEqual(['add-labels']);
  });

  it('ignores a marker pasted by someone else', () => {
    const comments = [{ id: 5, body: linkedMarker('registry'), authorIsApp: false }];
    expect(planLinking(input({ body: '/wg registry', comments })).map((a) => a.kind)).toEqual(['add-labels', 'create-comment']);
  });

  it('adds labels without a comment when linking.comment_on_label is false', () => {
    const { plan } = settle(input({ body: '/wg registry', linking: { comment_on_label: false } }));
    expect(plan.map((a) => a.kind)).toEqual(['add-labels']);
  });

  it('lets a later command override an earlier one for the same label', () => {
    const plan = planLinking(input({ body: '/wg registry\n/remove-wg registry', actorCanWrite: true }));
    expect(plan).toEqual([]);
  });

  it('reads nothing in code, quotes or comments', () => {
    expect(planLinking(input({ body: '```\n/wg registry\n```\n> /wg registry\n<!-- /wg registry -->' }))).toEqual([]);
  });
});

describe('planLinking: ids that link nothing', () => {
  it('answers an unknown, retired, invalid or wrong-type id with one reply listing the active groups, labelling nothing for it', () => {
    const { plan } = settle(input({ body: '/wg nope old-wg Registry r\u0435gistry\n/ig registry\n/wg security\n/wg registry' }));
    expect(added(plan)).toEqual(['wg:registry']);
    const replies = plan.filter((a) => a.kind === 'create-comment' && a.body.includes(GROUP_REPLY_MARKER));
    expect(replies).toHaveLength(1);
    const reply = commentBodies(replies)[0] as string;
    expect(reply.startsWith(GROUP_REPLY_MARKER)).toBe(true);
    expect(reply).toContain('`/wg` `nope` (line 1): no group has the id `nope`.');
    expect(reply).toContain('`/wg` `old-wg` (line 1): Old Working Group is retired');
    expect(reply).toContain('`/wg` `Registry` (line 1): this is not a group id');
    expect(reply).toContain('Did you mean `registry`?');
    expect(reply).toContain('`/wg` `r[U+0435]gistry` (line 1): this is not a group id');
    expect(reply).toContain('`/ig` `registry` (line 2): Registry Working Group is a working group: use `/wg registry`.');
    expect(reply).toContain('`/wg` `security` (line 3): Security Interest Group is an interest group: use `/ig security`.');
    expect(reply).toContain('- `registry` — Registry Working Group');
    expect(reply).toContain('- `security` — Security Interest Group');
    expect(reply).toContain('- `auth` — Auth Working Group');
    expect(reply).not.toContain('`old-wg` — ');
  });

  it('rejects fullwidth and uppercase look-alikes, hinting at the group they resemble, never applying it', () => {
    const plan = planLinking(input({ body: '/wg \uff52\uff45\uff47\uff49\uff53\uff54\uff52\uff59 REGISTRY' }));
    expect(added(plan)).toEqual([]);
    const reply = commentBodies(plan)[0] as string;
    expect(reply).toContain('`[U+FF52][U+FF45][U+FF47][U+FF49][U+FF53][U+FF54][U+FF52][U+FF59]`');
    expect(reply.match(/Did you mean `registry`\?/g)).toHaveLength(2);
  });

  it('answers a bare command', () => {
    const reply = commentBodies(planLinking(input({ body: '/ig' })))[0];
    expect(reply).toContain('`/ig` (line 1) names no group: write `/ig <id>`.');
  });

  it('echoes what was typed without mentions, markup or markers', () => {
    const reply = commentBodies(planLinking(input({ body: '/wg @everyone `x` <!--group-steward:linked' })))[0] as string;
    expect(reply).toContain('`[U+0040]everyone`');
    expect(reply).not.toContain('@everyone');
    expect(reply).toContain('`[U+0060]x[U+0060]`');
    expect(reply.split(GROUP_REPLY_MARKER)).toHaveLength(2);
  });

  it('updates its one reply in place instead of adding another, and leaves it when unchanged', () => {
    const first = settle(input({ body: '/wg nope' }));
    const replyId = first.after.comments.find((c) => c.body.includes(GROUP_REPLY_MARKER))?.id;
    const next = planLinking({ ...first.after, body: '/wg other-typo' });
    expect(next).toEqual([
      { kind: 'update-comment', repo: REPO, comment_id: replyId, body: expect.stringContaining('`other-typo`'), why: expect.any(String) },
    ]);
    const after = applyLinkingPlan({ ...first.after, body: '/wg other-typo' }, next);
    expect(after.comments.filter((c) => c.body.includes(GROUP_REPLY_MARKER))).toHaveLength(1);
    expect(planLinking(after)).toEqual([]);
  });

  it('never edits a comment someone else wrote, even one with the marker', () => {
    const comments = [{ id: 3, body: GROUP_REPLY_MARKER, authorIsApp: false }];
    expect(planLinking(input({ body: '/wg nope', comments })).map((a) => a.kind)).toEqual(['create-comment']);
  });

  it('says how many ids the bounds left out', () => {
    const body = Array.from({ length: 60 }, (_, i) => `/wg nope-${i}`).join('\n');
    const reply = commentBodies(planLinking(input({ body })))[0] as string;
    expect(reply).toContain('Only the first 50 group ids of a message are read: 10 more were ignored.');
    expect(reply).toContain('`nope-49`');
    expect(reply).not.toContain('`nope-50`');
  });

  it('handles a hundred commands in one comment', () => {
    const body = Array.from({ length: 100 }, (_, i) => (i % 2 ? '/wg registry' : `/ig security extra-${i}`)).join('\n');
    const { plan } = settle(input({ body }));
    expect(added(plan)).toEqual(['ig:security', 'wg:registry']);
    expect(commentBodies(plan)).toHaveLength(2);
  });
});

describe('planLinking: removal', () => {
  // Labelled by the App before: its link comment is there.
  const labelled = { body: '/remove-wg registry', currentLabels: ['bug', 'wg:registry'], comments: [{ id: 5, body: linkedMarker('registry'), authorIsApp: true }] };

  it('removes for someone with write access', () => {
    const { plan } = settle(input({ ...labelled, actorCanWrite: true }));
    expect(plan).toEqual([{ kind: 'remove-label', repo: REPO, number: 7, label: 'wg:registry', why: expect.stringContaining('/remove-wg registry') }]);
  });

  it('removes for a facilitator of the group (login ignoring case)', () => {
    expect(settle(input({ ...labelled, actor: 'RDimitrov' })).plan.map((a) => a.kind)).toEqual(['remove-label']);
  });

  it('refuses anyone else, saying who may, and removes nothing', () => {
    const { plan } = settle(input({ ...labelled, actor: 'localden' }));
    expect(plan.map((a) => a.kind)).toEqual(['create-comment']);
    expect(commentBodies(plan)[0]).toContain(
      '`/remove-wg registry` (line 1): removing `wg:registry` needs write access to this repository or being a facilitator of the group.',
    );
  });

  it('follows linking.remove_requires: write excludes facilitators, anyone allows everyone', () => {
    const write = planLinking(input({ ...labelled, actor: 'rdimitrov', linking: { remove_requires: 'write' } }));
    expect(write.map((a) => a.kind)).toEqual(['create-comment']);
    expect(commentBodies(write)[0]).toContain('needs write access to this repository.');
    expect(planLinking(input({ ...labelled, linking: { remove_requires: 'anyone' } })).map((a) => a.kind)).toEqual(['remove-label']);
  });

  it('removes the label as the work spells it', () => {
    const plan = planLinking(input({ body: '/remove-wg registry', currentLabels: ['WG:Registry'], actorCanWrite: true }));
    expect(plan).toEqual([expect.objectContaining({ kind: 'remove-label', label: 'WG:Registry' })]);
  });

  it('never removes a label that is absent, and does not bother refusing it', () => {
    expect(planLinking(input({ body: '/remove-wg registry', actorCanWrite: true }))).toEqual([]);
    expect(planLinking(input({ body: '/remove-wg registry' }))).toEqual([]);
  });

  it('answers a removal of a retired group\'s label', () => {
    const plan = planLinking(input({ body: '/remove-wg old-wg', currentLabels: ['wg:old-wg'], actorCanWrite: true }));
    expect(plan.map((a) => a.kind)).toEqual(['create-comment']);
    expect(commentBodies(plan)[0]).toContain('Old Working Group is retired');
  });
});

describe('planLinking: labels added by hand', () => {
  const labeled = (label: string, extra: InputOverrides = {}) =>
    input({ trigger: 'labeled', addedLabel: label, currentLabels: [label], actor: 'maintainer', ...extra });

  it('links the charter of an active group\'s label, once', () => {
    const { plan } = settle(labeled('wg:registry'));
    expect(plan.map((a) => a.kind)).toEqual(['create-comment']);
    expect(commentBodies(plan)[0]).toContain(linkedMarker('registry'));
    expect(settle(labeled('WG:Registry')).plan.map((a) => a.kind)).toEqual(['create-comment']);
  });

  it('does nothing when the App added the label itself and its link comment is there; writes the comment its plan did not', () => {
    const comments = [{ id: 5, body: linkedMarker('registry'), authorIsApp: true }];
    expect(planLinking(labeled('wg:registry', { labelAddedByApp: true, comments }))).toEqual([]);
    expect(settle(labeled('wg:registry', { labelAddedByApp: true })).plan.map((a) => a.kind)).toEqual(['create-comment']);
  });

  it('does nothing when linking.comment_on_label is false', () => {
    expect(planLinking(labeled('wg:registry', { linking: { comment_on_label: false } }))).toEqual([]);
  });

  it('answers the label of an unknown, retired, former or wrong-type group with the same reply, removing nothing', () => {
    for (const [label, says] of [
      ['wg:nope', 'no group has the id `nope`'],
      ['wg:old-wg', 'Old Working Group is retired'],
      ['wg:authorization', 'it is a former label of Auth Working Group: use `wg:auth`.'],
      ['ig:registry', 'Registry Working Group is a working group: use `wg:registry`.'],
      ['wg:r\u0435gistry', 'this is not a group id'],
    ] as const) {
      const { plan } = settle(labeled(label));
      expect(plan.map((a) => a.kind)).toEqual(['create-comment']);
      const reply = commentBodies(plan)[0] as string;
      expect(reply).toContain(GROUP_REPLY_MARKER);
      expect(reply).toContain('was added by hand, but it is not the label of an active group');
      expect(reply).toContain(says);
    }
  });

  it('ignores labels that are not group labels', () => {
    expect(planLinking(labeled('bug'))).toEqual([]);
    expect(planLinking(labeled('wgx:registry'))).toEqual([]);
  });
});

describe('planLinking: ownership by paths and repos', () => {
  const pr = (trigger: LinkingInput['trigger'], changedFiles: string[], extra: Partial<LinkingInput> = {}) =>
    input({ kind: 'pull_request', trigger, changedFiles, actor: 'contributor', body: '', ...extra });

  it('labels a PR whose changed files match a group\'s paths, on opened and synchronize', () => {
    const opened = settle(pr('opened', ['README.md', 'docs/registry/api/openapi.yaml']));
    expect(added(opened.plan)).toEqual(['wg:registry']);
    expect(opened.plan[0]?.why).toContain('changes docs/registry/api/openapi.yaml');
    expect(commentBodies(opened.plan)[0]).toContain('This pull request is part of the work of the **Registry Working Group**');
    expect(added(settle(pr('synchronize', ['docs/security/threats.md'])).plan)).toEqual(['ig:security']);
  });

  it('does not put back on synchronize a label a person removed (but a new pull request still gets it)', () => {
    expect(planLinking(pr('synchronize', ['docs/security/threats.md'], { removedByPeople: ['IG:Security'] }))).toEqual([]);
    expect(added(planLinking(pr('opened', ['docs/security/threats.md'], { removedByPeople: ['ig:security'] })))).toEqual(['ig:security']);
  });

  it('matches dot files', () => {
    expect(added(planLinking(pr('opened', ['.github/security/policy.md'])))).toEqual(['ig:security']);
  });

  it('does not match outside the globs, and never for a retired group', () => {
    expect(planLinking(pr('opened', ['docs/registryx/a.md', 'Docs/registry/a.md', 'docs/old/a.md']))).toEqual([]);
  });

  it('does not apply paths on other triggers or to issues', () => {
    expect(planLinking(pr('comment', ['docs/registry/a.md']))).toEqual([]);
    expect(planLinking(pr('edited', ['docs/registry/a.md']))).toEqual([]);
    expect(planLinking(input({ trigger: 'opened', changedFiles: ['docs/registry/a.md'] }))).toEqual([]);
  });

  it('labels an issue or PR opened in a repository a group owns, ignoring case', () => {
    const issue = settle(input({ trigger: 'opened', repo: 'ModelContextProtocol/Registry', body: 'It is broken.' }));
    expect(added(issue.plan)).toEqual(['wg:registry']);
    expect(issue.plan[0]?.why).toContain('a repository the group owns');
    expect(added(planLinking(pr('opened', [], { repo: 'modelcontextprotocol/registry' })))).toEqual(['wg:registry']);
  });

  it('does not label from repos on later events, nor for a retired group', () => {
    expect(planLinking(input({ trigger: 'comment', repo: 'modelcontextprotocol/registry', body: 'hi' }))).toEqual([]);
    expect(planLinking(input({ trigger: 'opened', repo: 'modelcontextprotocol/old', body: 'hi' }))).toEqual([]);
  });

  it('lets a command in the opening body override ownership', () => {
    const plan = planLinking(input({ trigger: 'opened', repo: 'modelcontextprotocol/registry', body: '/remove-wg registry', actorCanWrite: true }));
    expect(plan).toEqual([]);
  });

  it('combines ownership and commands into one add-labels and one comment', () => {
    const { plan } = settle(pr('opened', ['docs/registry/a.md'], { body: 'Fixes #1\n/ig security' }));
    expect(added(plan)).toEqual(['wg:registry', 'ig:security']);
    expect(commentBodies(plan)).toHaveLength(1);
  });
});

describe('planLinking: edits and redelivery', () => {
  it('runs only the commands an edit added', () => {
    const edit = input({ trigger: 'edited', previousBody: '/wg registry\n/wg regsitry', body: '/wg registry\n/wg registry auth', currentLabels: [] });
    expect(added(planLinking(edit))).toEqual(['wg:auth']);
  });

  it('runs nothing on an edit that did not change the body', () => {
    expect(planLinking(input({ trigger: 'edited', body: '/wg registry' }))).toEqual([]);
    expect(planLinking(input({ trigger: 'edited', body: '/wg registry', previousBody: '/wg registry' }))).toEqual([]);
  });

  it('does not answer again a bad command the edit did not add', () => {
    expect(planLinking(input({ trigger: 'edited', body: '/wg nope\nmore text', previousBody: '/wg nope' }))).toEqual([]);
    expect(planLinking(input({ trigger: 'edited', body: '/wg\nmore', previousBody: '/wg' }))).toEqual([]);
  });

  it('plans nothing the second time for every kind of delivery once the first plan is applied', () => {
    const deliveries: LinkingInput[] = [
      input({ body: '/wg registry nope\n/ig security' }),
      input({ trigger: 'opened', kind: 'pull_request', repo: 'modelcontextprotocol/registry', changedFiles: ['docs/security/a.md'], body: '/wg auth' }),
      input({ trigger: 'labeled', addedLabel: 'wg:nope', currentLabels: ['wg:nope'] }),
      input({ trigger: 'labeled', addedLabel: 'ig:security', currentLabels: ['ig:security'] }),
      input({ body: '/remove-wg registry', currentLabels: ['wg:registry'], actor: 'tadasant' }),
      input({ body: '/remove-wg registry', currentLabels: ['wg:registry'], actor: 'someone' }),
    ];
    for (const delivery of deliveries) settle(delivery);
  });

  it('plans nothing for events it does not handle', () => {
    expect(planLinking(input({ trigger: 'synchronize', body: '/wg registry' }))).toEqual([]);
    expect(planLinking(input({ trigger: 'labeled', body: '/wg registry' }))).toEqual([]);
    expect(planLinking(input({ trigger: 'comment' }))).toEqual([]);
  });
});
