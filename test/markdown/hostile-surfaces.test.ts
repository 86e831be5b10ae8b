/**
 * Every surface the App renders, fed the same hostile strings where untrusted text goes in (charter
 * fields, form answers, comment text, what GitHub or a snapshot says), through the real public
 * builders. Each output is compared with the same surface rendered from a plain-words variant of
 * the string (its punctuation dropped, on one line, so it takes the same paths): whatever
 * the App itself writes (its markers, `<details>`, issue numbers, the people it means to mention)
 * is in both, and anything more is the hostile text escaping. Markdown is read with the App's
 * GitHub-like markdown-it (`createMarkdown`): entities decoded, escapes resolved, code spans inert.
 *
 * For each output: no more mentions (`@` before a letter or digit), references (`#1`, `GH-1`),
 * bare URLs, HTML, links or images than the plain variant, the same blocks (no heading, list,
 * rule, fence or quote from a line break), every table row with its table's column count and as
 * many rows, no raw bidirectional control; and, for each surface, every word of the hostile
 * string still visible (escaped, not dropped).
 */
import { describe, expect, it } from '@jest/globals';
import type { Token } from 'markdown-it';
import { buildApprovalReport } from '../../src/checks/approval-report.js';
import { buildCharterReport } from '../../src/checks/charter-report.js';
import { buildVoteReport } from '../../src/checks/vote-report.js';
import { buildDirectory, renderDirectoryMarkdown } from '../../src/directory/directory.js';
import { activitySummary } from '../../src/action/summary.js';
import { dashboardBody } from '../../src/activity/dashboard.js';
import type { GroupDuties } from '../../src/activity/duties.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import type { GroupVerdict } from '../../src/activity/evaluate.js';
import { planQuarterlyReminders } from '../../src/activity/reminders.js';
import { closingComment, retirementBody, retirementTitle } from '../../src/activity/retirement-issue.js';
import type { Charter } from '../../src/charters/schema.js';
import type { CharterSource } from '../../src/charters/parse.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { linkedCommentBody } from '../../src/linking/linked-comment.js';
import { groupReplyBody } from '../../src/linking/reply-comment.js';
import { createMarkdown } from '../../src/markdown/blocks.js';
import type { Plan, PlanAction } from '../../src/plan/actions.js';
import { policyFor } from '../../src/policies/index.js';
import { quarterOf } from '../../src/policies/quarterly-updates.js';
import { planRequest, requestReply } from '../../src/proposals/request.js';
import type { RequestOutcome } from '../../src/proposals/request.js';
import { planRetirement, retireReply } from '../../src/proposals/retire.js';
import type { RetirePlanInput } from '../../src/proposals/retire.js';
import { WORKING_GROUP_FORM } from '../../src/requests/forms.js';
import { readGroupRequest } from '../../src/requests/group-request.js';
import type { GroupRequest } from '../../src/requests/group-request.js';
import { fullCoverage, item, event, daysAgo, NOW, snapshot, workingGroup } from '../activity/helpers.js';
import { validate, withLine, WORKING_GROUP } from '../charters/helpers.js';
import { renderForm, WG_ANSWERS } from '../requests/bodies.js';

/** The hostile strings: mentions, references, HTML, table and block breakers, fences, links, entities, bidi. */
export const HOSTILE: readonly string[] = [
  '@org/team',
  '@everyone',
  '#9041',
  'Fixes #9042',
  'Fixes octo-org/octo-repo#9043',
  'Fixes https://github.com/octo-org/octo-repo/issues/9044',
  'Fixes GH-9045 and see www.evil.example',
  '<img src=x onerror=alert(1)>',
  '</details>',
  '<!-- x',
  '| a | b |',
  'line\n### heading',
  'line\r\n\r\n- list\n\n---\n1. ordered',
  '``` fence ` and `` runs ```',
  '`` code ` ends @fence-team #9047 <b>x</b> `',
  '[x](javascript:alert(1)) ![y](https://evil.example/y.png)',
  '&#64;entity &#35;9046 &lt;b&gt;',
  '*bold* _it_ ~~strike~~ $x$ \\',
  '\u202Eevil',
];

/** The plain-words variant: letters, digits and spaces only, on one line. */
function plainVariant(text: string): string {
  return `Plain ${text.replace(/[\r\n]+/g, ' ').replace(/[^A-Za-z0-9 ]/g, '')}`;
}

interface Output {
  where: string;
  /** `markdown`: GitHub renders it; `plain`: GitHub shows it as text (titles, annotations). */
  kind: 'markdown' | 'plain';
  text: string;
}

const markdown = (where: string, text: string): Output => ({ where, kind: 'markdown', text });
const plain = (where: string, text: string): Output => ({ where, kind: 'plain', text });

// ——— inputs, built with the existing helpers ———

const GOV = 'modelcontextprotocol/modelcontextprotocol';
const REGISTRY = 'modelcontextprotocol/registry';
const yaml = (text: string) => JSON.stringify(text);

/** The registry working group named `text`, with `text` as its Discussions category. */
function namedGroup(text: string): Charter {
  return workingGroup({ name: text, discussions: { repo: REGISTRY, category: text } });
}

/** A retired group whose name and reason are `text`. */
function retiredGroup(text: string): Charter {
  return { id: 'old', name: text, type: 'working', status: 'retired', facilitators: ['rdimitrov'], retired: { on: '2026-01-01', reason: text } };
}

/** The group's verdict: its repository unread, for the reason and fix `text`; an old human event on an item. */
function unknownVerdict(charter: Charter, text: string): GroupVerdict {
  const coverage = fullCoverage([charter]).map((c) => (c.source === 'repo' ? { source: 'repo' as const, repo: c.repo, status: 'unread' as const, why: text, fix: text } : c));
  const old = item({ repo: REGISTRY, number: 7, events: [event(daysAgo(60), 'rdimitrov', 'opened')] });
  const [verdict] = evaluateActivity({ charters: [charter], snapshot: snapshot([old], coverage), now: NOW, inactivityDays: 30 });
  if (!verdict) throw new Error('no verdict');
  return verdict;
}

function duties(text: string): GroupDuties {
  const quarter = quarterOf(new Date(NOW));
  return {
    id: 'registry',
    quarterly: { state: 'unknown', quarter, why: text },
    meetings: { state: 'unknown', why: text },
    leadTerms: [{ login: 'rdimitrov', term: text, ends: null, expired: false }],
  };
}

function bodies(plan: Plan): string[] {
  return plan.flatMap((a: PlanAction) => ('body' in a && typeof a.body === 'string' ? [a.body] : []));
}

/** The charters folder of the retirement command: the registry named `text`, and a retired group. */
function retireFiles(text: string): CharterSource[] {
  const old = ['id: old', `name: ${yaml(text)}`, 'type: working', 'status: retired', 'facilitators:', '  - rdimitrov', 'retired:', '  on: 2026-01-01', `  reason: ${yaml(text)}`, ''].join('\n');
  return [
    { file: 'groups/registry.yaml', content: withLine(WORKING_GROUP, 3, `name: ${yaml(text)}`) },
    { file: 'groups/old.yaml', content: old },
  ];
}

function retireInput(text: string, id: string, sender: string, error?: string): RetirePlanInput {
  const people = { moderators: ['alice'], core: [], leads: [] };
  return {
    repo: GOV,
    layout: { kind: 'yaml', dir: 'groups' },
    command: { command: 'retire-wg', id, reason: text, line: 1 },
    comment: { id: 99, url: `https://github.com/${GOV}/issues/3#issuecomment-99`, author: sender, authorId: 1 },
    thread: { number: 3, isPull: false, retirementGroup: null, url: `https://github.com/${GOV}/issues/3` },
    retirers: { policy: policyFor('sep-1302'), people, ...(error !== undefined ? { error } : {}) },
    base: { branch: 'main', sha: 'a'.repeat(40), charters: retireFiles(text), nav: null, oids: new Map(), folder: [] },
    branchFiles: null,
    pulls: [],
    comments: [],
    now: new Date(NOW),
  };
}

/** The default policy's (SEP-1302) approval of a new group, as the handler passes it. */
const APPROVAL = { check: policyFor('sep-1302').checks.creation, rule: policyFor('sep-1302').ruleText.creation };

function reply(request: GroupRequest, outcome: RequestOutcome, pull: number | null): string {
  return bodies(requestReply({ repo: GOV, issue: 5, request, outcome, pull, comments: [], approval: APPROVAL })).join('\n');
}

// ——— the surfaces ———

const SURFACES: { name: string; render: (text: string) => Output[] }[] = [
  {
    name: 'the charter check: summary, title and annotations (src/checks/charter-report.ts)',
    render: (text) => {
      const file = withLine(withLine(withLine(WORKING_GROUP, 3, `name: ${yaml(text)}`), 8, `  - ${yaml(text)}`), 9, `discord: ${yaml(`${text}-wg`)}`);
      const result = validate({ 'registry.yaml': file });
      const report = buildCharterReport({
        groupsDir: 'groups',
        changes: { added: ['registry.yaml'], changed: [], removed: [`${text}.yaml`] },
        renamed: [],
        problems: result.diagnostics,
        headFacts: [{ file: 'registry.yaml', id: text, type: 'working', facilitators: [text, 'rdimitrov'] }],
        baseFacts: [{ file: `${text}.yaml`, id: text, type: 'working', facilitators: [text] }],
      });
      return [markdown('summary', report.summary), plain('title', report.title), ...report.annotations.map((a, i) => plain(`annotation ${i}`, `${a.title ?? ''}\n${a.message}`))];
    },
  },
  {
    name: 'the creation vote check (src/checks/vote-report.ts)',
    render: (text) => {
      const verdict = { state: 'open' as const, yes: ['alice'], no: [], pending: ['bob'], vetoedBy: [], opensAt: '2026-09-18T00:00:00Z', closesAt: '2026-09-21T00:00:00Z', needed: 2, reason: 'voting is open until 2026-09-21T00:00:00Z (UTC): 1 of 2', proposer: text };
      const report = buildVoteReport([text, 'registry'], verdict, 72);
      // The voters unread: GitHub's message (an error, a team read) reaches the summary through the vote's reason.
      const creationVote = policyFor('sep-1302').creationVote;
      const unread = creationVote?.({ people: { moderators: ['alice'], core: [], leads: [] }, reviews: [], openedAt: '2026-09-18T00:00:00Z', readyAt: null, isDraft: false, periodHours: 72, now: new Date(NOW), votersError: text });
      return [markdown('summary', report.summary), plain('title', report.title), ...(unread ? [markdown('summary, voters unread', buildVoteReport(['registry'], unread, 72).summary)] : [])];
    },
  },
  {
    name: 'the approval checks (src/checks/approval-report.ts)',
    render: (text) => {
      const policy = policyFor('sep-2149');
      const verdict = { state: 'pending' as const, approvedBy: [], blockedBy: [], missing: "a core maintainer's approval", approvable: true, stale: [], reason: "Creating the group needs a core maintainer's approval", source: 'SEP-2149 § 1.9' };
      const input = { action: 'Creates the group', groups: [text], rule: policy.ruleText.creation, verdict, people: { moderators: [], core: ['carol'], leads: ['dave'] }, reviews: [], proposer: text };
      const pending = buildApprovalReport(input);
      const unread = buildApprovalReport({ ...input, peopleError: text });
      return [markdown('summary', pending.summary), plain('title', pending.title), markdown('summary, maintainers unread', unread.summary)];
    },
  },
  {
    name: 'link comments and the group reply (src/linking/*.ts)',
    render: (text) => {
      const group = workingGroup({ name: text });
      const retired = { ...group, status: 'retired' as const };
      const location = { governanceRepo: GOV, layout: { kind: 'yaml', dir: 'groups' } as const };
      const reply = groupReplyBody(
        [
          { kind: 'command-id', command: 'wg', line: 1, id: text, resolution: { status: 'invalid' } },
          { kind: 'command-id', command: 'wg', line: 2, id: 'registry', resolution: { status: 'retired', charter: retired } },
          { kind: 'command-id', command: 'ig', line: 3, id: 'registry', resolution: { status: 'wrong-type', charter: group } },
          { kind: 'command-id', command: 'wg', line: 4, id: 'old-registry', resolution: { status: 'renamed', charter: group } },
          { kind: 'hand-label', label: `wg:${text}`, resolution: { status: 'unknown' } },
        ],
        { bodyTruncated: false, ignoredIds: 0, ignoredCommands: 0 },
        [group],
      );
      return [markdown('link comment', linkedCommentBody([group], 'issue', location)), markdown('reply', reply)];
    },
  },
  {
    name: 'the creation request: pull request and replies (src/proposals/request.ts, src/requests/group-request.ts)',
    render: (text) => {
      const charter = workingGroup({ id: 'tool-filtering', name: text });
      const valid: GroupRequest = { kind: 'valid', form: WORKING_GROUP_FORM, charter, file: 'groups/tool-filtering.yaml', text: 'id: tool-filtering\n', warnings: [] };
      const planned = planRequest({
        approval: APPROVAL,
        repo: GOV,
        groupsDir: 'groups',
        issue: { number: 5, author: { login: 'alice', id: 1 } },
        request: valid,
        base: { branch: 'main', sha: 'a'.repeat(40), files: new Map(), folder: [] },
        branchFiles: null,
        pulls: [],
        comments: [],
        now: new Date(NOW),
      });
      const pull = planned.plan.find((a) => a.kind === 'create-pull');
      const existing: CharterSource[] = [{ file: 'groups/registry.yaml', content: withLine(WORKING_GROUP, 3, `name: ${yaml(text)}`) }];
      // The answer under test goes last: Markdown in an issue body (an HTML comment opened) can hide the sections after it, as GitHub shows it.
      const read = (answers: Record<string, string | null>, last?: { key: string; answer: string }) => {
        const form = { ...WORKING_GROUP_FORM, fields: [...WORKING_GROUP_FORM.fields].sort((a, b) => Number(a.charterKey === last?.key) - Number(b.charterKey === last?.key)) };
        const body = renderForm(form, { ...WG_ANSWERS, ...answers, ...(last ? { [last.key]: last.answer } : {}) });
        return readGroupRequest({ body, openedAt: '2026-09-19T00:00:00Z', existing, groupsDir: 'groups', now: new Date(NOW) });
      };
      return [
        markdown('pull request body', pull && 'body' in pull ? pull.body : ''),
        plain('pull request title', pull && 'title' in pull ? pull.title : ''),
        markdown('reply, valid', reply(valid, planned.outcome, 12)),
        markdown('reply, exists', reply(read({ id: 'registry' }), 'exists', null)),
        markdown('reply, invalid', reply(read({}, { key: 'first_work', answer: text }), 'invalid', null)),
      ];
    },
  },
  {
    name: 'the retirement command: pull request and replies (src/proposals/retire.ts)',
    render: (text) => {
      const proposed = planRetirement(retireInput(text, 'registry', 'alice'));
      const retired = planRetirement(retireInput(text, 'old', 'alice'));
      const refused = planRetirement(retireInput(text, 'registry', 'mallory', text));
      const replyOf = (planned: typeof proposed) => bodies(retireReply({ repo: GOV, thread: 3, commentId: 99, planned, pull: 14, comments: [] })).join('\n');
      return [
        markdown('pull request body', bodies(proposed.plan).join('\n')),
        markdown('reply, proposed', replyOf(proposed)),
        markdown('reply, already retired', replyOf(retired)),
        markdown('reply, refused', replyOf(refused)),
      ];
    },
  },
  {
    name: 'the retirement issue: title, body, closing comment (src/activity/retirement-issue.ts)',
    render: (text) => {
      const charter = namedGroup(text);
      const verdict = unknownVerdict(charter, text);
      return [plain('title', retirementTitle(charter, verdict, 30)), markdown('body', retirementBody(charter, verdict, 30)), markdown('closing comment', closingComment(charter, verdict))];
    },
  },
  {
    name: 'the dashboard, duty cells included (src/activity/dashboard.ts)',
    render: (text) => {
      const charter = namedGroup(text);
      const verdict = unknownVerdict(charter, text);
      const cells = new Map([['registry', `[open](https://github.com/${GOV}/issues?q=label%3Awg%3Aregistry)`]]);
      return [markdown('body', dashboardBody([verdict], [charter], cells, 30, { duties: new Map([['registry', duties(text)]]) }))];
    },
  },
  {
    name: 'the quarterly reminder (src/activity/reminders.ts)',
    render: (text) => {
      const charter = namedGroup(text);
      const quarter = quarterOf(new Date(NOW));
      const due: GroupDuties = { id: 'registry', quarterly: { state: 'due', quarter, latest: null, category: { repo: REGISTRY, category: text } } };
      const plan = planQuarterlyReminders({ repo: GOV, dashboard: 8, comments: [], duties: new Map([['registry', due]]), charters: [charter], updatePattern: text });
      return [markdown('reminder', bodies(plan).join('\n'))];
    },
  },
  {
    name: 'the group directory (src/directory/*.ts)',
    render: (text) => {
      const directory = buildDirectory([
        { file: 'registry.yaml', charter: workingGroup({ name: text, meeting_notes: 'https://github.com/modelcontextprotocol/registry/discussions' }), hasErrors: false },
        { file: 'old.yaml', charter: retiredGroup(text), hasErrors: false },
      ]);
      return [markdown('directory', renderDirectoryMarkdown(directory))];
    },
  },
  {
    name: "the Action's step summary (src/action/summary.ts)",
    render: (text) => {
      const charter = namedGroup(text);
      const verdict = unknownVerdict(charter, text);
      const issue: PlanAction = { kind: 'create-issue', repo: GOV, title: retirementTitle(charter, verdict, 30), body: '', labels: [], why: text };
      const result = { now: new Date(NOW), config: DEFAULT_CONFIG, governanceRepo: GOV, verdicts: [verdict], plan: [issue], applied: [], deferred: [], settledVotes: [], duties: new Map(), notes: [text], dryRun: true };
      return [markdown('step summary', activitySummary(result, new Map([['registry', text]])))];
    },
  },
];

// ——— what an output shows ———

const md = createMarkdown();
const WORD_JOINER = /\u2060/g;
/** Blocks a line break or a marker in a text could open. */
const BLOCKS = ['heading_open', 'hr', 'html_block', 'fence', 'code_block', 'blockquote_open', 'bullet_list_open', 'ordered_list_open', 'list_item_open', 'paragraph_open', 'table_open', 'tr_open'];

interface Facts {
  /** `@` before a letter or digit: GitHub's mentions (people, teams, `@everyone`). */
  mentions: string[];
  /** `#1`, `owner/name#1`, `GH-1`: references; after "Fixes", closing ones. */
  references: string[];
  /** Bare URLs and `www.`: autolinks, and issue URLs are references too. */
  urls: string[];
  /** Raw HTML: tokens in Markdown, `<tag` in plain text. */
  html: string[];
  links: string[];
  images: number;
  blocks: Record<string, number>;
  /** Per table, the cell count of each row (a pipe after a backslash never splits a GFM cell). */
  tables: number[][];
  /** What a reader sees (text and code), word joiners removed. */
  visible: string;
}

function facts(output: Output): Facts {
  const found = (live: string) => ({
    mentions: live.match(/@[A-Za-z0-9]\S*/g) ?? [],
    references: [...(live.match(/#\d+/g) ?? []), ...(live.match(/\bGH-\d+/gi) ?? [])],
    urls: live.match(/\bhttps?:\/\/\S+|\bwww\.\S+/gi) ?? [],
  });
  if (output.kind === 'plain') {
    return { ...found(output.text), html: output.text.match(/<[A-Za-z!/?][^>\s]*/g) ?? [], links: [], images: 0, blocks: {}, tables: [], visible: output.text.replace(WORD_JOINER, '') };
  }
  const tokens = md.parse(output.text, {});
  let live = '';
  let visible = '';
  const html: string[] = [];
  const links: string[] = [];
  let images = 0;
  const blocks: Record<string, number> = {};
  const inline = (children: readonly Token[]) => {
    for (const t of children) {
      if (t.type === 'text') {
        live += t.content;
        visible += t.content;
      } else if (t.type === 'softbreak' || t.type === 'hardbreak') {
        live += '\n';
        visible += '\n';
      } else if (t.type === 'code_inline') {
        live += ' ';
        visible += ` ${t.content} `;
      } else if (t.type === 'html_inline') html.push(t.content);
      else if (t.type === 'link_open') links.push(String(t.attrGet('href') ?? ''));
      else if (t.type === 'image') {
        images += 1;
        inline(t.children ?? []);
      }
    }
  };
  for (const t of tokens) {
    if (BLOCKS.includes(t.type)) blocks[t.type] = (blocks[t.type] ?? 0) + 1;
    // The evidence fingerprint is a hash of the body: it differs with any text.
    if (t.type === 'html_block') html.push(t.content.trim().replace(/(group-steward:evidence )[0-9a-f]+/, '$1…'));
    if (t.type === 'fence' || t.type === 'code_block') visible += ` ${t.content} `;
    if (t.type === 'inline') {
      inline(t.children ?? []);
      live += '\n';
      visible += '\n';
    }
  }
  return { ...found(live), html, links, images, blocks, tables: tables(output.text), visible: visible.replace(WORD_JOINER, '') };
}

/** Lines starting with `|`, grouped into tables, each row as its count of cell-splitting pipes. */
function tables(text: string): number[][] {
  const found: number[][] = [];
  let current: number[] | null = null;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^ {0,3}\|/.test(line)) {
      current ??= [];
      current.push((line.match(/(?<!\\)\|/g) ?? []).length);
    } else if (current) {
      found.push(current);
      current = null;
    }
  }
  if (current) found.push(current);
  return found;
}

/** True when the words (letters and digits) of `text` appear in `shown`, in order. */
function wordsShown(text: string, shown: string): boolean {
  let at = 0;
  for (const word of text.match(/[A-Za-z0-9]+/g) ?? []) {
    const found = shown.indexOf(word, at);
    if (found < 0) return false;
    at = found + word.length;
  }
  return true;
}

// ——— the checks ———

describe('every rendered surface, fed hostile text', () => {
  it('covers every hostile string on every surface', () => {
    expect(SURFACES).toHaveLength(11);
    expect(HOSTILE.length).toBeGreaterThanOrEqual(12);
  });

  describe.each(SURFACES)('$name', ({ render }) => {
    it.each(HOSTILE.map((text) => ({ label: JSON.stringify(text), text })))('$label', ({ text }) => {
      const outputs = render(text);
      const baselines = render(plainVariant(text));
      expect(outputs.map((o) => o.where)).toEqual(baselines.map((o) => o.where));
      const shown: string[] = [];
      outputs.forEach((output, i) => {
        const got = facts(output);
        const want = facts(baselines[i] as Output);
        const where = output.where;
        shown.push(got.visible);
        // One comparison per output, each key a check of its own:
        expect({
          where,
          // no mention, reference, autolink, HTML, link or image beyond what the App writes itself;
          mentions: got.mentions,
          references: got.references,
          urls: got.urls,
          html: got.html,
          links: got.links,
          images: got.images,
          // no block opened by a line break or a marker; every table row keeps its columns;
          blocks: got.blocks,
          tables: got.tables,
          columns: got.tables,
          // nothing hidden that reorders what follows.
          bidi: /[\u202A-\u202E\u2066-\u2069]/.test(got.visible),
        }).toEqual({
          where,
          mentions: want.mentions,
          references: want.references,
          urls: want.urls,
          html: want.html,
          links: want.links,
          images: want.images,
          blocks: want.blocks,
          tables: want.tables,
          columns: got.tables.map((table) => table.map(() => table[0])),
          bidi: false,
        });
      });
      // Escaped, not dropped: the words of the text are still there to read.
      expect({ text, shown: wordsShown(text, shown.join('\n')) }).toEqual({ text, shown: true });
    });
  });
});
