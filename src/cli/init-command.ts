/**
 * `group-steward init [--pages] [--policy sep-1302|sep-2149] [--dir ROOT] [--dry-run]`: what a
 * governance repository needs to adopt Group Steward, written into the checkout at ROOT (default:
 * the current folder), each file only where none exists — an existing file is never replaced, so
 * a second run keeps everything and changes nothing.
 *
 * - `.github/group-steward.yml`: the configuration, every key with its default or, where it has
 *   none (the people who decide, the governance repository), commented out with an example; the
 *   chosen `policy`; with `--pages`, `charter_pages: {}` (its defaults in comments).
 *   `examples/group-steward.yml` is this file for the default policy (a test keeps them equal).
 * - `.github/workflows/group-steward.yml`: the scheduled job's workflow, copied from the package's
 *   `examples/workflows/group-steward.yml` (`examples/governance-workflow.yml` before it existed).
 * - `.github/ISSUE_TEMPLATE/new-working-group.yml` and `new-interest-group.yml`: the creation
 *   request forms, worded for the policy (`issueFormText`: SEP-1302's moderator vote, or SEP-2149's
 *   leads with their terms and sponsorship by two core maintainers or one lead maintainer).
 * - YAML charters (no `--pages`): `groups/README.md`, whose generated directory section (between the
 *   directory markers) is already what `group-steward directory` renders for no charters, and
 *   `groups/charter.schema.json` (`group-steward schema`). With `--pages` nothing in `groups/`:
 *   the charter pages live in the site's `docs/`.
 *
 * The plan is printed first, one line per file ("write" / "keep … (exists)"), then applied ("wrote"
 * / "kept … (exists)"); `--dry-run` prints the plan only. A file is created with the exclusive
 * flag, so one that appears between the plan and the write is kept, not replaced.
 *
 * Exit codes: 0 every file written or kept; 2 usage error, ROOT not a folder, or a write that failed
 * (the files written before it are listed).
 */
import { parseCommandArgs } from './format.js';
import { lstat, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { charterJsonSchema } from '../charters/schema.js';
import { ConfigFileSchema, DEFAULT_CONFIG, DEFAULT_INACTIVITY_DAYS, POLICIES } from '../config/schema.js';
import type { Policy } from '../config/schema.js';
import { buildDirectory, renderDirectoryMarkdown } from '../directory/directory.js';
import { DIRECTORY_END_MARKER, DIRECTORY_START_MARKER } from '../directory/section.js';
import { issueFormText, POLICY_FORMS } from '../requests/forms.js';
import type { FormLayout } from '../requests/forms.js';
import type { CliIo } from './io.js';

/** The usage lines of `init`, for the CLI's help. */
export const INIT_USAGE = `  init                  Set up a governance repository: the configuration, the workflow, the
                        creation request forms and groups/, each file only where none exists
      --policy NAME       The rules the files are worded for: sep-1302 (default) or sep-2149
      --pages             Charters as SEP-2149 charter pages (charter_pages: {}), nothing in
                          groups/; the policy is sep-2149 unless --policy says otherwise
      --dir ROOT          The repository checkout (default: the current folder)
      --dry-run           Print the plan, write nothing`;

/** The policy `init` words the files for without `--policy` (and without `--pages`): the configuration's default. */
export const INIT_DEFAULT_POLICY: Policy = ConfigFileSchema.shape.policy.parse(undefined);

/** What `init` writes. */
export interface InitOptions {
  policy: Policy;
  /** SEP-2149 charter pages (`charter_pages: {}`) instead of YAML charters in `groups/`. */
  pages: boolean;
}

/** One file of the plan: its path from ROOT (with `/`), its text, and what it is. */
export interface InitFile {
  path: string;
  text: string;
  what: string;
}

/** The package's own folder (holding `examples/`), from src/ or dist/src/. */
const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** The workflow `init` copies, the first of these the package has. */
const WORKFLOW_SOURCES = ['examples/workflows/group-steward.yml', 'examples/governance-workflow.yml'];

/**
 * Runs `init` with its arguments (after the command name).
 *
 * @returns the exit code (see the module comment); never throws for a usage problem or a failed write
 * @throws CommandUsageError for an unknown option, with the closest known one (`runCli` prints the usage, exit 2)
 */
export async function initCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('init', args, {
    allowPositionals: true,
    options: { policy: { type: 'string' }, pages: { type: 'boolean', default: false }, dir: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const usage = (message: string) => {
    io.stderr(`group-steward init: ${message}\n\nUsage:\n${INIT_USAGE}\n`);
    return 2;
  };
  const fail = (message: string) => {
    io.stderr(`group-steward init: ${message}\n`);
    return 2;
  };
  if (positionals.length > 0) return usage(`init takes no positional arguments (found ${JSON.stringify(positionals[0])}): give the checkout with --dir ROOT`);
  if (values.policy !== undefined && !(POLICIES as readonly string[]).includes(values.policy)) {
    return usage(`--policy must be one of ${POLICIES.map((p) => `"${p}"`).join(', ')}; found ${JSON.stringify(values.policy)}`);
  }
  const pages = values.pages;
  const policy = (values.policy as Policy | undefined) ?? (pages ? 'sep-2149' : INIT_DEFAULT_POLICY);
  const dryRun = values['dry-run'];
  const rootArg = values.dir ?? '.';
  if (rootArg === '') return usage('--dir ROOT must not be empty');
  const root = resolve(io.cwd, rootArg);
  try {
    if (!(await stat(root)).isDirectory()) return fail(`${rootArg} is not a folder`);
  } catch {
    return fail(`${rootArg} is not a folder: give the checkout of the governance repository`);
  }

  let files: InitFile[];
  try {
    files = await initFiles({ policy, pages });
  } catch (error) {
    return fail(`cannot read the package's own files: ${error instanceof Error ? error.message : String(error)}`);
  }

  const exists = await Promise.all(files.map((f) => present(join(root, ...f.path.split('/')))));
  const width = Math.max(...files.map((f) => f.path.length));
  const shown = rootArg === '.' ? 'the current folder' : rootArg;
  io.stdout(`Group Steward for ${shown}: policy ${policy}, charters as ${pages ? 'SEP-2149 charter pages (charter_pages)' : 'YAML files in groups/'}.\n`);
  io.stdout(`${dryRun ? 'Plan (dry run: nothing is written)' : 'Plan'}:\n`);
  files.forEach((f, i) => io.stdout(`  ${exists[i] ? 'keep ' : 'write'}  ${f.path.padEnd(width)}  ${exists[i] ? '(exists)' : f.what}\n`));
  if (dryRun) return 0;

  io.stdout('\n');
  let written = 0;
  for (const f of files) {
    const target = join(root, ...f.path.split('/'));
    if (!inside(root, target)) return fail(`${f.path} is outside ${rootArg}`);
    const cannot = (error: unknown) => fail(`cannot write ${f.path}: ${error instanceof Error ? error.message : String(error)}`);
    try {
      await mkdir(dirname(target), { recursive: true });
    } catch (error) {
      return cannot(error);
    }
    try {
      // `wx`: never replace a file, even one created since the plan.
      await writeFile(target, f.text, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return cannot(error);
      io.stdout(`kept ${f.path} (exists)\n`);
      continue;
    }
    written += 1;
    io.stdout(`wrote ${f.path}\n`);
  }
  io.stdout(`\n${written} written, ${files.length - written} kept.\n${nextSteps(policy, pages)}`);
  return 0;
}

/** Whether something (a file, a folder, a link, even a broken one) is at `path`. */
async function present(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..';
}

/** What is left to a person once the files are there. */
function nextSteps(policy: Policy, pages: boolean): string {
  const people = policy === 'sep-1302' ? 'vote.moderators (with vote.core_maintainers, who may veto)' : 'vote.core_maintainers and vote.lead_maintainers';
  return [
    'Next:',
    `  - name the people who decide in .github/group-steward.yml — ${people} — as logins (a team needs the App's token): until then the approval checks fail, saying so;`,
    "  - in Settings → Actions → General, allow GitHub Actions to create and approve pull requests: creation requests and /retire open pull requests with the workflow's token;",
    '  - optionally, act as a GitHub App instead of the workflow token (teams, other repositories): add the secrets GROUP_STEWARD_APP_ID and GROUP_STEWARD_PRIVATE_KEY (docs/action.md);',
    pages
      ? '  - keep the charter pages in docs/community/working-groups/ and docs/community/interest-groups/, listed in docs/docs.json;'
      : '  - add a charter as groups/<id>.yaml, or let a creation request open the pull request;',
    '  - commit the files and push.',
    '',
  ].join('\n');
}

/**
 * The files `init` writes for a policy and a charter layout, in order. Reads the workflow from the
 * package's `examples/`; everything else is generated. Pure but for that read.
 */
export async function initFiles(options: InitOptions): Promise<InitFile[]> {
  const layout: FormLayout = options.pages ? 'pages' : 'yaml';
  const workflow = await readWorkflow();
  const forms = POLICY_FORMS[options.policy].map((form) => ({
    path: form.file,
    text: issueFormText(form, layout),
    what: `the ${form.type} group creation request form (${options.policy})`,
  }));
  return [
    { path: '.github/group-steward.yml', text: configFileText(options), what: `the configuration (policy: ${options.policy}${options.pages ? ', charter_pages' : ''})` },
    { path: '.github/workflows/group-steward.yml', text: workflow.text, what: `the scheduled job's workflow (${workflow.source})` },
    ...forms,
    ...(options.pages
      ? []
      : [
          { path: 'groups/README.md', text: groupsReadme(options.policy), what: 'the folder of charters and its directory of groups' },
          { path: 'groups/charter.schema.json', text: `${JSON.stringify(charterJsonSchema(), null, 2)}\n`, what: 'the charter JSON Schema (group-steward schema)' },
        ]),
  ];
}

async function readWorkflow(): Promise<{ source: string; text: string }> {
  for (const source of WORKFLOW_SOURCES) {
    try {
      return { source, text: await readFile(join(PACKAGE_ROOT, ...source.split('/')), 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error(`none of ${WORKFLOW_SOURCES.join(', ')} is in ${PACKAGE_ROOT}`);
}

/** `groups/README.md` for a new folder: what it holds, and the directory section (no group yet) between the markers. */
function groupsReadme(policy: Policy): string {
  const directory = renderDirectoryMarkdown(buildDirectory([], { linkBase: '' }));
  const rules =
    policy === 'sep-1302'
      ? [
          'Active charters carry SEP-1302\'s creation-template answers: facilitators plus, for a WG, its use',
          'cases and first Issue/PR/SEP, and for an IG, how it differs from related IGs and its first topic.',
          'Check the folder with `group-steward validate groups`.',
        ]
      : [
          'Under SEP-2149 a working group names its `leads` (each `{ login, term }`), an interest group its',
          '`facilitators`, and either may list its `sponsors`; the prose of SEP-2149 Part 2\'s template',
          '(mission, scope, authority) stays outside the YAML. Check the folder with',
          '`group-steward validate groups --policy sep-2149`.',
        ];
  return [
    '# groups/',
    '',
    'One charter per working group (WG) or interest group (IG): `groups/<id>.yaml`, where `<id>` is the',
    "group's kebab-case id and equals the file name. `charter.schema.json` (generated with",
    '`group-steward schema`) describes the format; start a charter with',
    '`# yaml-language-server: $schema=./charter.schema.json` for editor support.',
    '',
    '- Each group\'s GitHub label comes from its id and type: `wg:<id>` for a working group, `ig:<id>`',
    '  for an interest group.',
    `- ${rules.join('\n  ')}`,
    '- Retired charters stay here as a record; their `retired` block gives the reason and the date.',
    '',
    'The directory below lists every group chartered here and is generated from the charters: edit a',
    'charter, then run `group-steward directory groups --write groups/README.md`.',
    '',
    DIRECTORY_START_MARKER,
    directory.trimEnd(),
    DIRECTORY_END_MARKER,
    '',
  ].join('\n');
}

/**
 * The commented `meetings` and `discord` keys of the configuration (issue 23): none is set by
 * default; MCP's calendar base is shown.
 */
function evidenceConfigLines(): string[] {
  return [
    "# Meetings (a group's calendar): a charter's `meetings: { tag: <tag> }` reads the feed",
    '# <calendar_base>/ics/tag/<tag>.ics; `meetings: { calendar: <ICS URL> }` needs no base. Default: none.',
    '# meetings:',
    '#   calendar_base: https://meet.modelcontextprotocol.io',
    '',
    "# Discord: the server (guild) id and each channel's id by the name charters give it (`discord`).",
    '# The bot token is read from the environment, DISCORD_BOT_TOKEN. Without this, no channel is read.',
    '# discord:',
    '#   guild_id: "1234567890123456789"',
    '#   channels:',
    '#     auth-ig: "1234567890123456790"',
    '',
  ];
}

/**
 * `.github/group-steward.yml` as `init` writes it: every key of the configuration, each with a
 * comment — set to its default, or commented out with an example where it has none (the people
 * who decide, the governance repository) or where the default depends on the policy
 * (`inactivity_days`). Read back, it is the configuration `{ policy }` (with `charter_pages: {}`
 * for pages) with every default resolved. Pure.
 */
export function configFileText(options: InitOptions): string {
  const d = DEFAULT_CONFIG;
  const pagesDefaults = ConfigFileSchema.shape.charter_pages.unwrap().parse({});
  const sep2149 = options.policy === 'sep-2149';
  const other = sep2149 ? 'sep-1302' : 'sep-2149';
  const lines = [
    "# Group Steward's settings for this repository, read from the default branch. Written by",
    '# `group-steward init`; every key is optional, and a key left out takes the value shown here.',
    "# An organization-wide default can live in the organization's .github repository (`_extends`).",
    '',
    '# The governance rules the App applies: sep-1302 (SEP-1302, "Formalize Working Groups and',
    '# Interest Groups", the default) or sep-2149 (SEP-2149, "MCP Group Governance and Charter',
    `# Template"). Changing it to ${other} changes the checks, /retire and the scheduled job; the App`,
    "# reads either policy's issue forms, and `group-steward init --policy " + other + '` writes that',
    "# policy's forms where none exist (it never replaces a file).",
    `policy: ${options.policy}`,
    '',
    ...(options.pages
      ? [
          '# The charters are SEP-2149 charter pages (MDX, one per group, listed in the site\'s navigation),',
          '# as MCP keeps them. `{}` takes every default:',
          `#   working_groups: ${pagesDefaults.working_groups}`,
          `#   interest_groups: ${pagesDefaults.interest_groups}`,
          `#   nav: ${pagesDefaults.nav}`,
          'charter_pages: {}',
          `# The folder of YAML charters, not read while charter_pages is set.`,
          `# groups_dir: ${d.groups_dir}`,
        ]
      : [
          '# The folder of YAML charters, one <id>.yaml per group.',
          `groups_dir: ${d.groups_dir}`,
          '# …or SEP-2149 charter pages (MDX, one per group, listed in the site\'s navigation), as MCP',
          '# keeps them: `charter_pages: {}` takes every default, which are:',
          '# charter_pages:',
          `#   working_groups: ${pagesDefaults.working_groups}`,
          `#   interest_groups: ${pagesDefaults.interest_groups}`,
          `#   nav: ${pagesDefaults.nav}`,
        ]),
    '',
    '# The repository that holds the charters, owner/name, when it is not this one.',
    '# governance_repo: modelcontextprotocol/modelcontextprotocol',
    '',
    '# A working group with no human activity for this many days is idle. The default depends on the',
    `# policy: ${DEFAULT_INACTIVITY_DAYS['sep-1302']} under sep-1302 (a WG idle a month or more), ${DEFAULT_INACTIVITY_DAYS['sep-2149']} under sep-2149 (one quarter).`,
    `# inactivity_days: ${DEFAULT_INACTIVITY_DAYS[options.policy]}`,
    '',
    '# The people who decide, each a team of this organization ({ team: <slug> }) or a list of',
    '# logins ({ logins: [alice, bob] }). Name yours: without them the approval checks fail, saying so.',
    'vote:',
    ...(sep2149
      ? [
          '  # Two core maintainers sponsor a new group (SEP-2149 § 1.1); one approves a charter',
          '  # amendment (§ 1.10) or a retirement (§ 1.9).',
          '  # core_maintainers: { team: core-maintainers }',
          '  # One lead maintainer sponsors a new group alone; lead maintainers count wherever core',
          '  # maintainers do.',
          '  # lead_maintainers: { logins: [dsp-ant, localden] }',
          '  # sep-1302 only: the community moderators who vote on a new group.',
          '  # moderators: { team: community-moderators }',
          '  # sep-1302 only: how long the creation vote stays open, in hours.',
        ]
      : [
          '  # The community moderators vote on a new group: a majority over period_hours (SEP-1302 § Lifecycle).',
          '  # moderators: { team: community-moderators }',
          '  # Core and lead maintainers can veto the vote; with the moderators, they may propose a',
          "  # group's retirement with /retire.",
          '  # core_maintainers: { team: core-maintainers }',
          '  # lead_maintainers: { logins: [dsp-ant, localden] }',
          '  # How long the creation vote stays open, in hours.',
        ]),
    `  period_hours: ${d.vote.period_hours}`,
    '',
    '# The colors of the group labels (6-digit hex, without "#").',
    'labels:',
    `  working_color: ${d.labels.working_color} # wg:<id>`,
    `  interest_color: ${d.labels.interest_color} # ig:<id>`,
    '',
    'linking:',
    '  # Who may remove a group label by command: write-or-facilitator, write or anyone.',
    `  remove_requires: ${d.linking.remove_requires}`,
    '  # Comment once, linking the charter and naming the facilitators, when work gains a group label.',
    `  comment_on_label: ${String(d.linking.comment_on_label)}`,
    '',
    'activity:',
    '  # Logins whose events are not human activity, besides [bot] accounts and the App itself.',
    `  bot_logins: ${JSON.stringify(d.activity.bot_logins)}`,
    '  # The most writes one run of the scheduled job makes; the rest wait for the next run.',
    `  max_writes: ${d.activity.max_writes}`,
    "  # SEP-2149 § 1.8: a discussion in a working group's category whose title matches this JavaScript",
    '  # regular expression (ignoring case, at most 200 characters) is its quarterly update.',
    `  quarterly_update_pattern: ${d.activity.quarterly_update_pattern}`,
    '  # SEP-2149 Participation Levels: open one pull request per working group moving its WG Members',
    '  # quiet for 3 consecutive months (every source read) to its Emeritus list, as /emeritus does.',
    `  emeritus_pull_requests: ${d.activity.emeritus_pull_requests}`,
    '',
    ...evidenceConfigLines(),
  ];
  return lines.join('\n');
}
