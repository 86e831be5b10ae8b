/**
 * The demo's preview of the charter check: the check runs Group Steward would post on a pull
 * request that adds `examples/new-group.yaml` to the bundled charters — computed by the same pure
 * code the App runs, from local files, with no network.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { charterStem } from '../charters/parse.js';
import type { CharterSource } from '../charters/parse.js';
import { readCharterDirectory } from '../charters/read-directory.js';
import { validateCharters } from '../charters/validate.js';
import { judgePullRequest } from '../checks/judge-pull-request.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { buildDirectory, renderDirectoryMarkdown } from '../directory/directory.js';
import type { CharterTree } from '../github/pull-request-charters.js';

const oid = (text: string) => createHash('sha1').update(text).digest('hex');

function toTree(sources: readonly CharterSource[]): CharterTree {
  const files = sources.map((s) => {
    const text = typeof s.content === 'string' ? s.content : Buffer.from(s.content).toString('utf8');
    return { name: s.file, oid: oid(text), byteSize: Buffer.byteLength(text), isBinary: false, text };
  });
  return { oid: oid(files.map((f) => `${f.name}:${f.oid}`).join('\n')), files };
}

/**
 * Renders, as text, the check runs for a pull request adding `exampleFile` to the charters in
 * `groupsDir`, opened one hour before `now`, with the default configuration.
 */
export async function previewNewGroupCheck(root: string, now: Date): Promise<string> {
  const base = await readCharterDirectory(join(root, 'groups'));
  const exampleText = await readFile(join(root, 'examples', 'new-group.yaml'), 'utf8');
  const added = { file: `${charterStem('example-group.yaml')}.yaml`, content: exampleText };
  const judged = judgePullRequest(
    {
      head: toTree([...base, added]),
      base: toTree(base),
      pull: { createdAt: new Date(now.getTime() - 3_600_000).toISOString(), isDraft: false, readyAt: null, proposer: null, reviews: [], firstVoteAt: null },
    },
    DEFAULT_CONFIG,
    now,
  );
  if (!judged) return 'The example changes nothing in groups/: no check run.\n';
  const out = [
    'A pull request adding examples/new-group.yaml as groups/example-group.yaml would get these check runs:',
    '',
    `── Group charters: ${judged.report.conclusion} — ${judged.report.title}`,
    judged.report.summary,
  ];
  if (judged.vote) {
    const { report } = judged.vote;
    out.push('', `── Group creation vote: ${report.conclusion ?? report.status} — ${report.title}`, report.summary);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Renders, as text, the group directory of the bundled charters (`<root>/groups`): the Markdown
 * that `groups/README.md` holds between its directory markers (SEP-1302 FAQ: "Where can I find
 * a list of all current WGs and IGs?"). Charters with errors are left out, and counted.
 */
export async function renderBundledDirectory(root: string, now: Date): Promise<string> {
  const result = validateCharters(await readCharterDirectory(join(root, 'groups')), { now });
  const valid = result.charters.filter((c) => !c.hasErrors);
  const left = result.charters.length - valid.length;
  const directory = buildDirectory(valid);
  const counts = `${directory.working_groups.length} active working groups, ${directory.interest_groups.length} active interest groups, ${directory.retired.length} retired`;
  return [
    `The group directory of MCP's groups (${counts}), as groups/README.md holds it between its markers (\`group-steward directory groups --write groups/README.md\`; \`--format json\` for the same data as JSON)${left > 0 ? `; ${left} charters with errors left out` : ''}:`,
    '',
    renderDirectoryMarkdown(directory),
  ].join('\n');
}
