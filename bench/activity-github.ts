/**
 * An in-memory GitHub for the scheduled activity job, served through nock: repositories of issues
 * and pull requests with their timelines, Discussions categories with their discussions, comments
 * and replies, a governance repository holding the charters, the configuration files, the App's
 * installation. Repositories may be declared to exist empty (`repos`), to be hidden from the
 * installation (`hidden`: NOT_FOUND, and left out of every search) or renamed (`renamed`). State
 * persists across runs, as GitHub's does.
 *
 * GraphQL requests are EXECUTED against GitHub's public schema (`@octokit/graphql-schema`, with
 * `graphql-js`), with resolvers over the state: whatever a query selects — aliases, fragments,
 * `__typename` — is answered as GitHub would shape it, and a field the schema lacks is an error.
 * REST requests are routed by method and path: the configuration reads, the installation token,
 * and the issue writes the job makes (create, update, comment), and the App's webhook deliveries
 * (`deliver`: listed and redelivered with the App's JWT only). Anything else is answered 400 and
 * recorded in `problems`.
 *
 * `npm run bench` counts requests against it; the job tests extend it (test/support/
 * fake-governance.ts) with request validation against GitHub's descriptions and failure injection.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLError, GraphQLSchema, IntrospectionQuery } from 'graphql';
import type { PromiseOrValue } from 'graphql/jsutils/PromiseOrValue.js';
import type * as GraphqlJs from 'graphql';
import nock from 'nock';

/** A GitHub account. REST names a bot `name[bot]`; GraphQL names it `name`. */
export interface FakeActor {
  login: string;
  type: 'User' | 'Bot';
  /** The account's database id (GraphQL `databaseId`, REST `id`), when a test needs one. */
  id?: number;
}

export type FakeEventKind = 'comment' | 'review' | 'commit' | 'closed' | 'merged' | 'reopened' | 'labeled';

/** One timeline event; `actor` null is an unknown (deleted) account. */
export interface FakeEvent {
  kind: FakeEventKind;
  at: string;
  actor: FakeActor | null;
}

export interface FakeItem {
  repo: string;
  number: number;
  type: 'issue' | 'pull_request';
  title: string;
  body: string;
  state: 'open' | 'closed' | 'merged';
  stateReason: 'COMPLETED' | 'NOT_PLANNED' | 'DUPLICATE' | 'REOPENED' | null;
  labels: string[];
  author: FakeActor | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  events: FakeEvent[];
  /** Pull requests: the branch it is from and the branch it targets (default: none, `main`). */
  headRef?: string;
  baseRef?: string;
  /** Pull requests: a draft (default: not). */
  draft?: boolean;
  /** Pull requests: the reviews submitted, oldest first (`review` adds one). */
  reviews?: FakeReview[];
}

/** A pull request review: `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED` or `DISMISSED` (a dismissed one). */
export interface FakeReview {
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  at: string;
  /** The head commit the review was given on. */
  sha?: string;
}

/** A check run an App posted (REST `POST /check-runs`, updated by `PATCH`). */
export interface FakeCheckRun {
  id: number;
  /** The App that posted it: its slug. */
  app: string;
  name: string;
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  started_at: string;
  output: { title: string; summary: string };
  /** Every annotation sent with the run, in order (GitHub adds those of each update to the run's). */
  annotations: Record<string, unknown>[];
  /** The App's `external_id`, as last sent (null: never). */
  external_id?: string | null;
}

/** A reply to a discussion comment; `actor` null is a deleted account. */
export interface FakeDiscussionReply {
  at: string;
  actor: FakeActor | null;
}

/** A discussion comment and its replies. */
export interface FakeComment {
  at: string;
  actor: FakeActor | null;
  replies: FakeDiscussionReply[];
}

/** A Discussions category of a repository. */
export interface FakeCategory {
  id: string;
  name: string;
  slug: string;
}

/** A discussion: its number shares the repository's number space with issues and pull requests. */
export interface FakeDiscussion {
  repo: string;
  number: number;
  title: string;
  /** The category's name. */
  category: string;
  author: FakeActor | null;
  createdAt: string;
  /** The latest of its creation, comments and replies (as GitHub orders discussions by it). */
  updatedAt: string;
  closed: boolean;
  closedAt: string | null;
  comments: FakeComment[];
}

/** What a test or the bench adds: the repository, the category and the creation time are required. */
export type NewDiscussion = Partial<Omit<FakeDiscussion, 'repo' | 'category' | 'createdAt' | 'updatedAt' | 'comments'>> & {
  repo: string;
  category: string;
  createdAt: string;
  comments?: (Omit<FakeComment, 'replies'> & { replies?: FakeDiscussionReply[] })[];
};

/** What a test or the bench adds: everything but the repository and the creation time is optional. */
export type NewItem = Partial<Omit<FakeItem, 'repo' | 'createdAt' | 'updatedAt'>> & { repo: string; createdAt: string };

export interface FakeRequest {
  method: string;
  /** The path without the API prefix, e.g. `/repos/o/r/issues` or `/graphql`. */
  path: string;
  /** `graphql <OperationName>`, `POST issue`, `PATCH issue`, `POST comment`, `GET config`, … */
  kind: string;
  /** GraphQL only. */
  query?: string;
  variables?: Record<string, unknown>;
  /** The parsed JSON body (REST writes). */
  body?: unknown;
  /** The status answered. */
  status?: number;
  /** How it was signed: `app` (a JWT, `bearer x.y.z`: the App itself), `token` (any other), `none`. */
  auth?: 'app' | 'token' | 'none';
}

/**
 * One attempt to deliver a webhook event to the App, as `GET /app/hook/deliveries` lists it
 * (`hook-delivery-item`): the attempts of one event share its `guid`; a redelivery is a new attempt.
 */
export interface FakeDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  duration: number;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
  throttled_at?: string | null;
}

export type FakeReply = [number, unknown] | [number, unknown, Record<string, string>];

/** A comment with its text: the App's (written through the API) and those a test adds (`comment`). */
export interface FakeCommentBody {
  id: number;
  at: string;
  by: string | null;
  type?: 'User' | 'Bot';
  body: string;
}

const REST_BOT_SUFFIX = /\[bot\]$/;

/** What a search can return: every visible item in the search's order, and the same by repository (lower-cased `owner/name`). */
interface SearchableItems {
  all: FakeItem[];
  byRepo: Map<string, FakeItem[]>;
}

type CheckedDocument = { document: DocumentNode; errors: readonly GraphQLError[] } | { syntaxError: GraphQLError };

/**
 * The GraphQL engine the fake answers with: GitHub's public schema, each query text's document and
 * validation errors, graphql-js's `execute` on that schema, and the errors its resolvers throw.
 * Under jest, the one the test environment keeps for the whole worker (test/support/environment.mjs:
 * the schema built and each query checked once per worker, not once per test file); elsewhere
 * (`npm run bench`), this module's own.
 */
interface GraphqlEngine {
  schema(): GraphQLSchema;
  checked(source: string): CheckedDocument;
  execute(args: Omit<ExecutionArgs, 'schema'>): PromiseOrValue<ExecutionResult>;
  error(message: string): Error;
}

function localEngine({ buildClientSchema, execute, parse, validate }: typeof GraphqlJs): GraphqlEngine {
  let schema: GraphQLSchema | undefined;
  const checked = new Map<string, CheckedDocument>();
  return {
    // `@octokit/graphql-schema`'s `schema.json`, read directly: importing the package would parse
    // that 5 MB file twice and build a second schema for its own `validate`.
    schema() {
      schema ??= buildClientSchema(JSON.parse(readFileSync(new URL('schema.json', import.meta.resolve('@octokit/graphql-schema')), 'utf8')) as IntrospectionQuery);
      return schema;
    },
    checked(source) {
      let outcome = checked.get(source);
      if (!outcome) {
        let document: DocumentNode | undefined;
        try {
          document = parse(source);
        } catch (error) {
          outcome = { syntaxError: error as GraphQLError };
        }
        outcome ??= { document: document as DocumentNode, errors: validate(this.schema(), document as DocumentNode) };
        checked.set(source, outcome);
      }
      return outcome;
    },
    execute(args) {
      return execute({ ...args, schema: this.schema() });
    },
    error: (message) => new Error(message),
  };
}

// graphql-js itself is loaded only when there is no engine to use (a test file under jest loads none),
// with `require`: a module with an `import()` keeps its test file alive in the jest worker (test/support/runtime.mjs).
const engine: GraphqlEngine = (globalThis as { groupStewardGraphql?: GraphqlEngine }).groupStewardGraphql ?? localEngine(createRequire(import.meta.url)('graphql') as typeof GraphqlJs);

/** GitHub's public GraphQL schema (built once per process, or per jest worker; ~50 ms). */
export function githubGraphqlSchema(): GraphQLSchema {
  return engine.schema();
}

/**
 * A query's document and its validation errors against GitHub's schema, once per distinct query
 * text: what `graphql()` parses and validates before each execution, for the same text, gives the
 * same document and the same errors.
 */
export function checkedDocument(source: string): CheckedDocument {
  return engine.checked(source);
}

/** An error a resolver throws (GitHub's `type`, when given, goes beside its message in `errors`). */
function graphqlError(message: string, githubType?: string): Error {
  const error = engine.error(message);
  return githubType ? Object.assign(error, { githubType }) : error;
}

export interface ActivityGitHubOptions {
  /** `owner/name` of the governance repository (holds `groups/` and the App's issues). */
  governanceRepo: string;
  /** The App's slug; its bot is `<slug>[bot]` in REST. Default `group-steward`. */
  appSlug?: string;
  /** Who the token is, as GraphQL's `viewer` says (default: the App's bot, `<slug>[bot]`). */
  viewer?: string;
  /** REST base URL (default `https://api.github.com`); GraphQL is `<origin>/graphql`. */
  baseUrl?: string;
}

export class ActivityGitHub {
  readonly governanceRepo: string;
  readonly appSlug: string;
  readonly app: FakeActor;
  viewer: string;
  readonly baseUrl: string;
  /** The clock of writes: when the App opens, edits, comments or closes. */
  now = new Date('2026-01-01T00:00:00Z');
  /**
   * The charters of the governance repository's default branch: the YAML folder's files by name
   * (`{ 'name.yaml': text }`), or — with `groupsDir` '' (charter pages) — every file by its path
   * from the repository root (`{ 'docs/community/working-groups/x.mdx': text, 'docs/docs.json': text }`).
   */
  charters: Record<string, string> = {};
  /** Where the charters are (config `groups_dir`); '' when `charters` holds files by their paths (charter pages). */
  groupsDir = 'groups';
  /** `.github/group-steward.yml` of a repository (`owner/name` → YAML text); absent: 404. */
  configs = new Map<string, string>();
  /** The App's installation id (App credentials exchange it for a token). */
  installationId = 42;
  readonly items = new Map<string, FakeItem>();
  /** Repositories that exist besides the governance repository and those holding items or discussions. */
  readonly repos = new Set<string>();
  /**
   * Repositories this installation cannot see (private, or the App not installed there): GraphQL's
   * `repository` answers NOT_FOUND, searches leave their items out, and a search naming one fails.
   */
  readonly hidden = new Set<string>();
  /** Former names → current `owner/name`: `repository` follows them, as GitHub does; a search naming one fails. */
  readonly renamed = new Map<string, string>();
  /** Discussions categories of the repositories with Discussions enabled (lower-cased `owner/name` → categories). */
  readonly categories = new Map<string, FakeCategory[]>();
  readonly discussions = new Map<string, FakeDiscussion>();
  /**
   * Failure injection for one search among several of a request: a search (its query, and its
   * cursor: null on a first page) this returns a message for fails with it (type `INVALID`, at its
   * alias). `search` is non-null in GitHub's schema, so, as GitHub answers, the whole `data` of that
   * request is then null.
   */
  refuseSearch: ((query: string, after: string | null) => string | null) | null = null;
  /** The default branch's commit; it changes when a pull request is merged (`merge`). */
  defaultSha = 'c'.repeat(40);
  /** Branches other than the default one: their commit and their charters folder (`{ 'name.yaml': text }`). */
  readonly branches = new Map<string, { sha: string; files: Record<string, string> }>();
  /** Check runs posted, oldest first. */
  readonly checkRuns: FakeCheckRun[] = [];
  /** The charters folder of every branch commit the fake made, by sha (what an older commit held). */
  readonly commitFiles = new Map<string, Record<string, string>>();
  /** The commits the fake made on each branch since it was created or reset, oldest first. */
  readonly branchCommits = new Map<string, string[]>();
  /** Who authored the commit at the head of a branch, by commit sha: the login a commit's noreply `author.email` names. */
  readonly commitAuthors = new Map<string, string>();
  /** Members of organization teams, by `org/slug` (lower case). */
  readonly teams = new Map<string, string[]>();
  /** The labels of each repository (lower-cased `owner/name`), as label sync lists and writes them. */
  readonly repoLabels = new Map<string, { name: string; color: string; description: string | null }[]>();
  /** The App's webhook delivery attempts, oldest first (`deliver` adds one; a redelivery adds one at `now`). */
  readonly deliveries: FakeDelivery[] = [];
  /** What the App's server answers a redelivery (`POST /app/hook/deliveries/{id}/attempts`): its status code (0: no answer). */
  redeliveryStatus = 200;
  readonly requests: FakeRequest[] = [];
  /** Requests the fake does not serve, GraphQL errors it did not mean: each fails a test. */
  readonly problems: string[] = [];
  private interceptors: nock.Interceptor[] = [];
  private readonly apiPrefix: string;
  private nextCommentId = 9000;
  private readonly commentBodies = new Map<string, FakeCommentBody[]>();
  /** The highest number of an item or discussion in each repository (lower-cased `owner/name`). */
  private readonly highestNumber = new Map<string, number>();

  constructor(options: ActivityGitHubOptions) {
    this.governanceRepo = options.governanceRepo;
    this.appSlug = options.appSlug ?? 'group-steward';
    this.app = { login: `${this.appSlug}[bot]`, type: 'Bot' };
    this.viewer = options.viewer ?? this.app.login;
    this.baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    this.apiPrefix = new URL(this.baseUrl).pathname.replace(/\/+$/, '');
  }

  /** Routes every request to the base URL's origin here (persisting interceptors). */
  install(): this {
    // Another user of nock may have restored the real HTTP stack (`nock.restore()`).
    if (!nock.isActive()) nock.activate();
    const scope = nock(new URL(this.baseUrl).origin).persist();
    for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const) {
      const interceptor = scope.intercept(/.*/, method);
      interceptor.reply(async (request: Request) => this.serve(request));
      this.interceptors.push(interceptor);
    }
    return this;
  }

  /** Removes the interceptors (other nock scopes are left alone). */
  uninstall(): void {
    for (const interceptor of this.interceptors) nock.removeInterceptor(interceptor);
    this.interceptors = [];
  }

  // ---- State, as people and the data set change it -------------------------------------------

  /** Adds an issue or pull request; returns it (number: the next free one in its repository). */
  add(spec: NewItem): FakeItem {
    const number = spec.number ?? this.nextNumber(spec.repo);
    const item: FakeItem = {
      type: 'issue',
      title: `Item ${number}`,
      body: '',
      state: 'open',
      stateReason: null,
      labels: [],
      author: { login: 'someone', type: 'User' },
      closedAt: null,
      mergedAt: null,
      events: [],
      ...spec,
      number,
      updatedAt: spec.createdAt,
    };
    item.events = [...item.events].sort((a, b) => timeOf(a.at) - timeOf(b.at));
    item.updatedAt = latest([item.createdAt, item.closedAt, item.mergedAt, ...item.events.map((e) => e.at)]);
    const key = itemKey(item.repo, number);
    if (this.items.has(key) || this.discussions.has(key)) throw new Error(`${key} exists already`);
    this.items.set(key, item);
    this.numbered(item.repo, number);
    return item;
  }

  /**
   * Enables Discussions on `repo` with these categories (a name, or a name and slug; the slug is by
   * default the name lower-cased, other characters than letters and digits as `-`).
   */
  enableDiscussions(repo: string, categories: readonly (string | { name: string; slug?: string })[] = []): FakeCategory[] {
    const list = categories.map((c) => {
      const name = typeof c === 'string' ? c : c.name;
      const slug = (typeof c === 'string' ? undefined : c.slug) ?? slugOf(name);
      return { id: `DIC_${repo}/${slug}`, name, slug };
    });
    this.categories.set(repo.toLowerCase(), list);
    return list;
  }

  /** Adds a discussion in one of `repo`'s categories (by name); returns it (number: the next free one in its repository). */
  addDiscussion(spec: NewDiscussion): FakeDiscussion {
    if (!(this.categories.get(spec.repo.toLowerCase()) ?? []).some((c) => c.name === spec.category)) throw new Error(`${spec.repo} has no Discussions category ${spec.category}`);
    const number = spec.number ?? this.nextNumber(spec.repo);
    const discussion: FakeDiscussion = {
      title: `Discussion ${number}`,
      author: { login: 'someone', type: 'User' },
      closed: false,
      closedAt: null,
      ...spec,
      number,
      updatedAt: spec.createdAt,
      comments: (spec.comments ?? []).map((c) => ({ ...c, replies: [...(c.replies ?? [])] })),
    };
    discussion.updatedAt = latest([discussion.createdAt, discussion.closedAt, ...discussion.comments.flatMap((c) => [c.at, ...c.replies.map((r) => r.at)])]);
    const key = itemKey(discussion.repo, number);
    if (this.items.has(key) || this.discussions.has(key)) throw new Error(`${key} exists already`);
    this.discussions.set(key, discussion);
    this.numbered(discussion.repo, number);
    return discussion;
  }

  /** A comment on a discussion; returns its index (to reply to it). */
  discussionComment(repo: string, number: number, at: string, actor: FakeActor | null): number {
    const discussion = this.discussion(repo, number);
    discussion.comments.push({ at, actor, replies: [] });
    discussion.updatedAt = latest([discussion.updatedAt, at]);
    return discussion.comments.length - 1;
  }

  /** A reply to the comment at `comment` (its index) of a discussion. */
  discussionReply(repo: string, number: number, comment: number, at: string, actor: FakeActor | null): void {
    const discussion = this.discussion(repo, number);
    const target = discussion.comments[comment];
    if (!target) throw new Error(`${repo}#${number} has no comment ${comment}`);
    target.replies.push({ at, actor });
    discussion.updatedAt = latest([discussion.updatedAt, at]);
  }

  discussion(repo: string, number: number): FakeDiscussion {
    const discussion = this.discussions.get(itemKey(repo, number));
    if (!discussion) throw new Error(`no discussion ${repo}#${number}`);
    return discussion;
  }

  get(repo: string, number: number): FakeItem {
    const item = this.items.get(itemKey(repo, number));
    if (!item) throw new Error(`no ${repo}#${number}`);
    return item;
  }

  /** A timeline event on an item (a comment by `login`, by default). */
  event(repo: string, number: number, at: string, actor: FakeActor | null, kind: FakeEventKind = 'comment'): void {
    const item = this.get(repo, number);
    item.events.push({ kind, at, actor });
    item.updatedAt = latest([item.updatedAt, at]);
  }

  /** People close an issue (`NOT_PLANNED`, or GitHub's default `COMPLETED`). */
  close(repo: string, number: number, at: string, by: FakeActor, reason: 'COMPLETED' | 'NOT_PLANNED' = 'COMPLETED'): void {
    const item = this.get(repo, number);
    Object.assign(item, { state: 'closed', stateReason: reason, closedAt: at });
    this.event(repo, number, at, by, 'closed');
  }

  /** The governance repository's issues, by number. */
  governanceIssues(): FakeItem[] {
    return [...this.items.values()].filter((i) => i.repo.toLowerCase() === this.governanceRepo.toLowerCase() && i.type === 'issue').sort((a, b) => a.number - b.number);
  }

  /** The governance issues that carry `label`, optionally only open ones. */
  issuesLabelled(label: string, state?: 'open' | 'closed'): FakeItem[] {
    return this.governanceIssues().filter((i) => hasLabel(i.labels, label) && (state === undefined || i.state === state));
  }

  /** The comments with text on an item (the App's, and those `comment` added), oldest first. */
  commentsOn(repo: string, number: number): FakeCommentBody[] {
    return this.commentBodies.get(itemKey(repo, number)) ?? [];
  }

  /** A person comments on an item with `body`: a timeline event and a comment with text; returns the comment. */
  comment(repo: string, number: number, at: string, actor: FakeActor, body: string): FakeCommentBody {
    this.event(repo, number, at, actor, 'comment');
    this.nextCommentId += 1;
    const comment = { id: this.nextCommentId, at, by: actor.login, type: actor.type, body };
    this.commentBodies.set(itemKey(repo, number), [...this.commentsOn(repo, number), comment]);
    return comment;
  }

  /** The files of branch `name` (the default branch `main` is `charters`); throws for a missing branch. */
  branchFiles(name: string): Record<string, string> {
    if (name === 'main') return this.charters;
    const branch = this.branches.get(name);
    if (!branch) throw new Error(`no branch ${name}`);
    return branch.files;
  }

  /** The pull requests of the governance repository, by number. */
  governancePulls(): FakeItem[] {
    return [...this.items.values()].filter((i) => i.repo.toLowerCase() === this.governanceRepo.toLowerCase() && i.type === 'pull_request').sort((a, b) => a.number - b.number);
  }

  /** A review of pull request `number` of the governance repository (a timeline event too). */
  review(number: number, at: string, by: FakeActor, state: FakeReview['state']): void {
    const item = this.get(this.governanceRepo, number);
    if (item.type !== 'pull_request') throw new Error(`#${number} is not a pull request`);
    item.reviews = [...(item.reviews ?? []), { login: by.login, state, at, sha: this.headSha(item) }];
    this.event(item.repo, number, at, by, 'review');
  }

  /** The head commit of pull request `item`: its branch's commit (`a…a` when it has no branch here). */
  headSha(item: FakeItem): string {
    return (item.headRef && this.branches.get(item.headRef)?.sha) || 'a'.repeat(40);
  }

  /** The check runs on pull request `number`'s head commit, by name: the newest of each, as GitHub shows them. */
  latestRuns(number: number): Map<string, FakeCheckRun> {
    const sha = this.headSha(this.get(this.governanceRepo, number));
    return new Map(this.checkRuns.filter((r) => r.head_sha === sha).map((r) => [r.name, r]));
  }

  /**
   * A maintainer merges pull request `number` of the governance repository: its branch's charters
   * folder becomes the default branch's, whose commit changes. Returns the pull request as REST
   * shows it (for a `pull_request.closed` payload).
   */
  merge(number: number, at: string, by: FakeActor): ReturnType<ActivityGitHub['restPull']> {
    const item = this.get(this.governanceRepo, number);
    if (item.type !== 'pull_request' || item.state !== 'open' || !item.headRef) throw new Error(`#${number} is not an open pull request from a branch`);
    this.charters = { ...this.branchFiles(item.headRef) };
    this.defaultSha = treeSha(this.charters, at);
    Object.assign(item, { state: 'merged', mergedAt: at, closedAt: at });
    this.event(item.repo, number, at, by, 'merged');
    return this.restPull(item);
  }

  /** A pull request as REST shows it, enough for a webhook payload. */
  restPull(item: FakeItem) {
    return {
      ...this.restIssue(item),
      state: item.state === 'open' ? 'open' : 'closed',
      merged: item.state === 'merged',
      merged_at: item.mergedAt,
      head: { ref: item.headRef ?? 'topic', sha: this.headSha(item), repo: { full_name: item.repo } },
      draft: item.draft === true,
      base: { ref: item.baseRef ?? 'main', sha: this.defaultSha, repo: { full_name: item.repo } },
    };
  }

  /**
   * GitHub attempts to deliver an event to the App (`status_code` 0: nothing answered); returns
   * the attempt (id: the next one; guid: a new one unless given, as a redelivery shares it).
   */
  deliver(spec: Partial<FakeDelivery> & { delivered_at: string }): FakeDelivery {
    const id = (this.deliveries.at(-1)?.id ?? 12_000_000_000) + 1;
    const code = spec.status_code ?? 200;
    const attempt: FakeDelivery = {
      guid: `${id.toString(16).padStart(8, '0')}-0000-11f0-8000-0e4f3503ccbe`,
      redelivery: false,
      duration: 0.05,
      status: code === 0 ? 'failed to connect to host' : code >= 200 && code < 300 ? 'OK' : `Invalid HTTP Response: ${code}`,
      status_code: code,
      event: 'issues',
      action: 'opened',
      installation_id: this.installationId,
      repository_id: 1,
      ...spec,
      id,
    };
    this.deliveries.push(attempt);
    return attempt;
  }

  // ---- Requests --------------------------------------------------------------------------------

  /**
   * Answers one request as the nock interceptors do, for another transport (a loopback HTTP
   * server: test/support/fake-server.ts). Only the URL's path and query are read, so any origin
   * will do; paths carry the `baseUrl`'s prefix (`/api/v3`), GraphQL is `/graphql` or `/api/graphql`.
   *
   * @returns `[status, body, headers?]`: a string body is sent as is, anything else as JSON
   * @throws SyntaxError when a request body is not JSON
   */
  async handle(request: Request): Promise<FakeReply> {
    return this.serve(request);
  }

  /** Called for each request before it is served: a reply here replaces the answer (failure injection). */
  protected intercept(_request: FakeRequest): { reply: FakeReply; afterApplying: boolean } | null {
    return null;
  }

  /** Called for each request once it is parsed (validation in the tests). */
  protected inspect(_request: FakeRequest): void {}

  private async serve(request: Request): Promise<FakeReply> {
    const url = new URL(request.url);
    const text = await request.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    const path = url.pathname.startsWith(`${this.apiPrefix}/`) ? url.pathname.slice(this.apiPrefix.length) : url.pathname;
    const graphqlPath = path === '/graphql' || url.pathname === '/api/graphql';
    const recorded: FakeRequest = graphqlPath
      ? { method: request.method, path: '/graphql', kind: `graphql ${operationName((body as { query?: string })?.query ?? '')}`, query: (body as { query: string }).query, variables: (body as { variables?: Record<string, unknown> }).variables ?? {} }
      : { method: request.method, path: `${path}${url.search}`, kind: restKind(request.method, path), ...(body === undefined ? {} : { body }) };
    const authorization = request.headers.get('authorization') ?? '';
    recorded.auth = /^bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/i.test(authorization) ? 'app' : authorization === '' ? 'none' : 'token';
    this.requests.push(recorded);
    this.inspect(recorded);
    const failure = this.intercept(recorded);
    let reply: FakeReply;
    if (failure && !failure.afterApplying) {
      reply = failure.reply;
    } else {
      reply = graphqlPath ? await this.graphql(recorded) : this.rest(recorded, url);
      if (failure) reply = failure.reply;
    }
    recorded.status = reply[0];
    return reply;
  }

  private rest(request: FakeRequest, url: URL): FakeReply {
    const path = decodeURIComponent(url.pathname.slice(this.apiPrefix.length));
    const body = (request.body ?? {}) as Record<string, unknown>;
    let m: RegExpMatchArray | null;
    if (request.method === 'GET' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/contents\/\.github\/(.+)$/))) {
      const config = m[2] === 'group-steward.yml' ? this.configs.get(m[1] as string) : undefined;
      return config === undefined ? [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content' }] : [200, config, { 'content-type': 'application/vnd.github.v3.raw; charset=utf-8' }];
    }
    if (request.method === 'GET' && path.match(/^\/repos\/[^/]+\/[^/]+\/installation$/)) return [200, { id: this.installationId, app_slug: this.appSlug }];
    if (request.method === 'POST' && path === `/app/installations/${this.installationId}/access_tokens`) {
      return [201, { token: 'ghs_fake', expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { issues: 'write' } }];
    }
    if (request.method === 'GET' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/issues$/))) {
      // List issues: labels (all of them), state, newest first; one page.
      const wanted = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean).map((l) => l.toLowerCase());
      const state = url.searchParams.get('state') ?? 'open';
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const found = [...this.items.values()]
        .filter((i) => i.repo.toLowerCase() === (m?.[1] as string).toLowerCase())
        .filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
        .filter((i) => state === 'all' || (state === 'closed' ? i.state !== 'open' : i.state === 'open'))
        .sort((a, b) => b.number - a.number)
        .slice(0, perPage);
      return [200, found.map((i) => this.restIssue(i))];
    }
    if (request.method === 'POST' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/issues$/))) {
      const at = this.now.toISOString();
      const labels = ((body.labels as (string | { name: string })[] | undefined) ?? []).map((l) => (typeof l === 'string' ? l : l.name));
      const item = this.add({ repo: m[1] as string, title: String(body.title), body: String(body.body ?? ''), labels, author: this.app, createdAt: at });
      return [201, this.restIssue(item)];
    }
    if (request.method === 'PATCH' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)$/))) {
      const item = this.items.get(itemKey(m[1] as string, Number(m[2])));
      if (!item) return [404, { message: 'Not Found' }];
      const at = this.now.toISOString();
      if (typeof body.title === 'string') item.title = body.title;
      if (typeof body.body === 'string') item.body = body.body;
      if (body.state === 'closed' && item.state === 'open') {
        Object.assign(item, { state: 'closed', closedAt: at, stateReason: body.state_reason === 'not_planned' ? 'NOT_PLANNED' : body.state_reason === 'duplicate' ? 'DUPLICATE' : 'COMPLETED' });
        item.events.push({ kind: 'closed', at, actor: this.app });
      } else if (body.state === 'open' && item.state === 'closed') {
        Object.assign(item, { state: 'open', closedAt: null, stateReason: 'REOPENED' });
        item.events.push({ kind: 'reopened', at, actor: this.app });
      }
      item.updatedAt = at;
      return [200, this.restIssue(item)];
    }
    if (request.method === 'POST' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/))) {
      const key = itemKey(m[1] as string, Number(m[2]));
      if (!this.items.has(key)) return [404, { message: 'Not Found' }];
      const at = this.now.toISOString();
      this.event(m[1] as string, Number(m[2]), at, this.app, 'comment');
      this.nextCommentId += 1;
      this.commentBodies.set(key, [...(this.commentBodies.get(key) ?? []), { id: this.nextCommentId, at, by: this.app.login, type: 'Bot', body: String(body.body) }]);
      return [201, { id: this.nextCommentId, body: body.body, user: { login: this.app.login, type: 'Bot' }, created_at: at }];
    }
    const hook = this.hookRest(request, path, url);
    if (hook) return hook;
    const served = this.gitRest(request.method, path, body, url);
    if (served) return served;
    this.problems.push(`unexpected request: ${request.method} ${request.path}`);
    return [400, { message: `the fake GitHub does not serve ${request.method} ${request.path}` }];
  }

  /**
   * The App's webhook deliveries, with its JWT only: the list, newest first, `per_page` (at most
   * 100) at a time, the next page's `cursor` in the `link` header as GitHub gives it; and a
   * redelivery, a new attempt of the same guid (`redelivery: true`, answered `redeliveryStatus`).
   */
  private hookRest(request: FakeRequest, path: string, url: URL): FakeReply | null {
    if (!path.startsWith('/app/hook/deliveries')) return null;
    if (request.auth !== 'app') return [401, { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest' }];
    if (request.method === 'GET' && path === '/app/hook/deliveries') {
      const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
      const cursor = url.searchParams.get('cursor');
      const from = cursor === null ? Infinity : Number(/^v1_(\d+)$/.exec(cursor)?.[1] ?? NaN);
      if (Number.isNaN(from)) return [422, { message: 'Validation Failed: invalid cursor', documentation_url: 'https://docs.github.com/rest' }];
      const newestFirst = [...this.deliveries].sort((a, b) => b.id - a.id).filter((d) => d.id <= from);
      const page = newestFirst.slice(0, perPage);
      const next = newestFirst[perPage];
      const headers: Record<string, string> = next ? { link: `<${this.baseUrl}/app/hook/deliveries?per_page=${perPage}&cursor=v1_${next.id}>; rel="next"` } : {};
      return [200, page, headers];
    }
    const m = /^\/app\/hook\/deliveries\/(\d+)\/attempts$/.exec(path);
    if (request.method === 'POST' && m) {
      const original = this.deliveries.find((d) => d.id === Number(m[1]));
      if (!original) return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }];
      const code = this.redeliveryStatus;
      // The same event again (a new attempt: `deliver` gives it the next id).
      this.deliver({ ...original, redelivery: true, delivered_at: this.now.toISOString(), status_code: code, status: code === 0 ? 'failed to connect to host' : code >= 200 && code < 300 ? 'OK' : `Invalid HTTP Response: ${code}` });
      return [202, {}];
    }
    return null;
  }

  /** Branches, files, pull requests, one issue, comment edits: what the governance loop writes. */
  private gitRest(method: string, path: string, body: Record<string, unknown>, url: URL): FakeReply | null {
    const governance = (repo: string) => repo.toLowerCase() === this.governanceRepo.toLowerCase();
    const unprocessable = (message: string): FakeReply => [422, { message, documentation_url: 'https://docs.github.com/rest' }];
    let m: RegExpMatchArray | null;
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)$/))) {
      const item = this.items.get(itemKey(m[1] as string, Number(m[2])));
      return item ? [200, item.type === 'pull_request' ? { ...this.restIssue(item), pull_request: { url: itemUrl(item) } } : this.restIssue(item)] : [404, { message: 'Not Found' }];
    }
    if (method === 'GET' && path === '/installation/repositories') {
      const repos = [this.governanceRepo, ...this.repos].filter((r) => this.visible(r));
      return [200, { total_count: repos.length, repositories: repos.map((full_name) => ({ full_name })) }];
    }
    if ((m = path.match(/^\/repos\/([^/]+\/[^/]+)\/labels(?:\/(.+))?$/))) {
      const key = (m[1] as string).toLowerCase();
      const labels = this.repoLabels.get(key) ?? [];
      this.repoLabels.set(key, labels);
      if (method === 'GET' && !m[2]) return [200, labels.map((l, i) => ({ id: i + 1, ...l }))];
      if (method === 'POST' && !m[2]) {
        if (labels.some((l) => l.name.toLowerCase() === String(body.name).toLowerCase())) return unprocessable('Validation Failed: already_exists');
        labels.push({ name: String(body.name), color: String(body.color), description: typeof body.description === 'string' ? body.description : null });
        return [201, labels.at(-1)];
      }
      const label = labels.find((l) => l.name.toLowerCase() === (m?.[2] ?? '').toLowerCase());
      if (method === 'PATCH' && label) {
        Object.assign(label, { ...(typeof body.new_name === 'string' ? { name: body.new_name } : {}), ...(typeof body.color === 'string' ? { color: body.color } : {}), ...(typeof body.description === 'string' ? { description: body.description } : {}) });
        return [200, label];
      }
      return null;
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/))) {
      const key = itemKey(m[1] as string, Number(m[2]));
      if (!this.items.has(key)) return [404, { message: 'Not Found' }];
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const all = this.commentsOn(m[1] as string, Number(m[2]));
      return [200, all.slice((page - 1) * perPage, page * perPage).map((c) => ({ id: c.id, body: c.body, created_at: c.at, user: c.by ? { login: c.by, type: c.type ?? 'User' } : null }))];
    }
    if (method === 'DELETE' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/))) {
      const id = Number(m[2]);
      for (const [key, list] of this.commentBodies) {
        const at = list.findIndex((c) => c.id === id);
        if (at < 0 || !key.startsWith(`${(m[1] as string).toLowerCase()}#`)) continue;
        if (list[at]?.by !== this.app.login) return [403, { message: 'Resource not accessible by integration' }];
        list.splice(at, 1);
        return [204, ''];
      }
      return [404, { message: 'Not Found' }];
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/labels$/))) {
      const item = this.items.get(itemKey(m[1] as string, Number(m[2])));
      if (!item) return [404, { message: 'Not Found' }];
      for (const label of (body.labels as string[] | undefined) ?? []) if (!hasLabel(item.labels, label)) item.labels.push(label);
      return [200, item.labels.map((name, i) => ({ id: i + 1, name }))];
    }
    if (method === 'PATCH' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/))) {
      const id = Number(m[2]);
      for (const [key, list] of this.commentBodies) {
        const comment = list.find((c) => c.id === id);
        if (!comment || !key.startsWith(`${(m[1] as string).toLowerCase()}#`)) continue;
        if (comment.by !== this.app.login) return [403, { message: 'Resource not accessible by integration' }];
        comment.body = String(body.body);
        return [200, { id, body: comment.body, user: { login: this.app.login, type: 'Bot' } }];
      }
      return [404, { message: 'Not Found' }];
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/git\/refs$/)) && governance(m[1] as string)) {
      const ref = String(body.ref);
      if (!ref.startsWith('refs/heads/')) return unprocessable('Reference name must start with refs/heads/');
      const name = ref.slice('refs/heads/'.length);
      if (name === 'main' || this.branches.has(name)) return unprocessable('Reference already exists');
      if (body.sha !== this.defaultSha) return unprocessable('Object does not exist');
      this.branches.set(name, { sha: body.sha, files: { ...this.charters } });
      this.branchCommits.set(name, []);
      return [201, { ref, object: { type: 'commit', sha: body.sha } }];
    }
    if (method === 'PATCH' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/git\/refs\/heads\/(.+)$/)) && governance(m[1] as string)) {
      const branch = this.branches.get(m[2] as string);
      if (!branch) return unprocessable('Reference does not exist');
      if (body.sha !== this.defaultSha) return unprocessable('Object does not exist');
      if (body.force !== true) return unprocessable('Update is not a fast forward');
      Object.assign(branch, { sha: body.sha, files: { ...this.charters } });
      this.branchCommits.set(m[2] as string, []);
      return [200, { ref: `refs/heads/${m[2]}`, object: { type: 'commit', sha: body.sha } }];
    }
    if ((method === 'PUT' || method === 'DELETE') && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/contents\/(.+)$/)) && governance(m[1] as string)) {
      const file = m[2] as string;
      const prefix = this.groupsDir ? `${this.groupsDir}/` : '';
      if (!file.startsWith(prefix) || (prefix && file.slice(prefix.length).includes('/'))) return unprocessable(`the fake holds files of ${prefix} only, not ${file}`);
      const name = file.slice(prefix.length);
      const branchName = typeof body.branch === 'string' ? body.branch : 'main';
      const branch = this.branches.get(branchName);
      if (!branch) return [404, { message: `Branch ${branchName} not found` }];
      const current = branch.files[name];
      const currentSha = current === undefined ? undefined : blobSha(current);
      if (method === 'DELETE') {
        if (currentSha === undefined) return [404, { message: 'Not Found' }];
        if (body.sha !== currentSha) return [409, { message: `${file} does not match ${String(body.sha)}` }];
        delete branch.files[name];
      } else {
        if (currentSha !== undefined && body.sha === undefined) return unprocessable('Invalid request.\n\n"sha" wasn\'t supplied.');
        if (currentSha !== undefined && body.sha !== currentSha) return [409, { message: `${file} does not match ${String(body.sha)}` }];
        if (currentSha === undefined && body.sha !== undefined) return [404, { message: 'Not Found' }];
        branch.files[name] = Buffer.from(String(body.content), 'base64').toString('utf8');
      }
      branch.sha = treeSha(branch.files, `${branchName}${this.requests.length}`);
      this.commitFiles.set(branch.sha, { ...branch.files });
      this.branchCommits.set(branchName, [...(this.branchCommits.get(branchName) ?? []), branch.sha]);
      // GitHub maps a noreply address (`<id>+<login>@users.noreply.github.com`) to its account.
      const email = String((body.author as { email?: unknown } | undefined)?.email ?? '');
      const author = /^\d+\+([A-Za-z0-9-]+)@users\.noreply\.github\.com$/.exec(email)?.[1];
      if (author) this.commitAuthors.set(branch.sha, author);
      const content = method === 'DELETE' ? null : { name, path: file, sha: blobSha(branch.files[name] as string) };
      return [method === 'PUT' && currentSha === undefined ? 201 : 200, { content, commit: { sha: branch.sha, message: body.message, author: body.author ?? null } }];
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/pulls$/))) {
      const head = url.searchParams.get('head');
      const state = url.searchParams.get('state') ?? 'open';
      const pulls = [...this.items.values()].filter((i) => i.type === 'pull_request' && i.repo.toLowerCase() === (m?.[1] as string).toLowerCase())
        .filter((i) => state === 'all' || (state === 'open' ? i.state === 'open' : i.state !== 'open'))
        .filter((i) => !head || `${i.repo.split('/')[0]}:${i.headRef}`.toLowerCase() === head.toLowerCase());
      return [200, pulls.map((i) => this.restPull(i))];
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/pulls$/)) && governance(m[1] as string)) {
      const head = String(body.head);
      if (!this.branches.has(head)) return unprocessable(`head ${head} is not a branch`);
      if (body.base !== 'main') return unprocessable(`base ${String(body.base)} is not a branch`);
      if (this.governancePulls().some((p) => p.state === 'open' && p.headRef === head)) return unprocessable(`A pull request already exists for ${m[1]?.split('/')[0]}:${head}.`);
      const item = this.add({ repo: m[1] as string, type: 'pull_request', title: String(body.title), body: String(body.body ?? ''), author: this.app, createdAt: this.now.toISOString(), headRef: head, baseRef: 'main' });
      return [201, this.restPull(item)];
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/check-runs$/)) && governance(m[1] as string)) {
      const run: FakeCheckRun = {
        id: 5000 + this.checkRuns.length + 1,
        app: this.appSlug,
        name: String(body.name),
        head_sha: String(body.head_sha),
        status: (body.status as FakeCheckRun['status'] | undefined) ?? 'queued',
        conclusion: typeof body.conclusion === 'string' ? body.conclusion : null,
        started_at: typeof body.started_at === 'string' ? body.started_at : this.now.toISOString(),
        output: { title: String((body.output as { title?: unknown } | undefined)?.title ?? ''), summary: String((body.output as { summary?: unknown } | undefined)?.summary ?? '') },
        annotations: [...((body.output as { annotations?: Record<string, unknown>[] } | undefined)?.annotations ?? [])],
        external_id: typeof body.external_id === 'string' ? body.external_id : null,
      };
      if (run.conclusion !== null) run.status = 'completed';
      this.checkRuns.push(run);
      return [201, { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion }];
    }
    if (method === 'PATCH' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/check-runs\/(\d+)$/)) && governance(m[1] as string)) {
      const run = this.checkRuns.find((r) => r.id === Number(m?.[2]));
      if (!run) return [404, { message: 'Not Found' }];
      if (run.status === 'completed' && body.status === 'in_progress') return unprocessable('A completed check run cannot be set in progress');
      if (typeof body.status === 'string') run.status = body.status as FakeCheckRun['status'];
      if (typeof body.external_id === 'string') run.external_id = body.external_id;
      if (typeof body.conclusion === 'string') Object.assign(run, { conclusion: body.conclusion, status: 'completed' });
      const output = body.output as { title?: unknown; summary?: unknown; annotations?: Record<string, unknown>[] } | undefined;
      if (output) run.output = { title: String(output.title ?? run.output.title), summary: String(output.summary ?? run.output.summary) };
      run.annotations.push(...(output?.annotations ?? []));
      return [200, { id: run.id, name: run.name, status: run.status, conclusion: run.conclusion }];
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/commits\/([0-9a-f]{40})\/check-runs$/)) && governance(m[1] as string)) {
      // The check runs on a commit: `check_name` and `filter=latest` (the newest run of each name), newest first.
      const name = url.searchParams.get('check_name');
      let runs = this.checkRuns.filter((r) => r.head_sha === m?.[2] && (name === null || r.name === name)).reverse();
      if (url.searchParams.get('filter') !== 'all') runs = [...new Map(runs.reverse().map((r) => [r.name, r])).values()].reverse();
      const restRun = (r: FakeCheckRun) => ({ id: r.id, name: r.name, head_sha: r.head_sha, status: r.status, conclusion: r.conclusion, external_id: r.external_id, app: { slug: r.app }, output: { title: r.output.title, summary: r.output.summary } });
      return [200, { total_count: runs.length, check_runs: runs.map(restRun) }];
    }
    if (method === 'PATCH' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)$/))) {
      const item = this.items.get(itemKey(m[1] as string, Number(m[2])));
      if (!item || item.type !== 'pull_request') return [404, { message: 'Not Found' }];
      if (typeof body.title === 'string') item.title = body.title;
      if (typeof body.body === 'string') item.body = body.body;
      item.updatedAt = this.now.toISOString();
      return [200, this.restPull(item)];
    }
    return null;
  }

  private restIssue(item: FakeItem) {
    return {
      id: 100_000 + item.number,
      node_id: `I_${item.number}`,
      number: item.number,
      title: item.title,
      body: item.body,
      state: item.state === 'open' ? 'open' : 'closed',
      state_reason: item.stateReason?.toLowerCase() ?? null,
      labels: item.labels.map((name, i) => ({ id: i + 1, name })),
      user: item.author ? { login: item.author.login, type: item.author.type } : null,
      html_url: itemUrl(item),
      created_at: item.createdAt,
      closed_at: item.closedAt,
    };
  }

  private async graphql(request: FakeRequest): Promise<FakeReply> {
    // `graphql()`'s steps (parse, validate, execute), with the first two done once per query text.
    const checked = checkedDocument(request.query ?? '');
    const result =
      'syntaxError' in checked
        ? { errors: [checked.syntaxError], data: undefined }
        : checked.errors.length > 0
          ? { errors: checked.errors, data: undefined }
          : await engine.execute({ document: checked.document, variableValues: request.variables ?? {}, rootValue: this.root() });
    const errors = (result.errors ?? []).map((e) => {
      const type = (e.originalError as { githubType?: string } | undefined)?.githubType;
      if (!type) this.problems.push(`GraphQL error in ${request.kind}: ${e.message}${e.path ? ` at ${e.path.join('.')}` : ''}`);
      return { ...(type ? { type } : {}), message: e.message, ...(e.path ? { path: e.path } : {}), ...(e.locations ? { locations: e.locations } : {}) };
    });
    return [200, { ...(result.data !== undefined ? { data: result.data } : {}), ...(errors.length ? { errors } : {}) }];
  }

  // ---- GraphQL resolvers -------------------------------------------------------------------------

  private root() {
    // The items a search can return, in its order, once per request (up to 20 searches): the
    // resolvers run without waiting on anything, so one request reads one state.
    let items: SearchableItems | undefined;
    const searchable = (): SearchableItems => (items ??= this.searchableItems());
    return {
      viewer: () => ({ login: this.viewer }),
      repository: ({ owner, name }: { owner: string; name: string }) => this.repository(`${owner}/${name}`),
      search: (args: { query: string; type: string; first?: number; after?: string | null }) => this.search(args, searchable),
      organization: ({ login }: { login: string }) => ({
        team: ({ slug }: { slug: string }) => {
          const members = this.teams.get(`${login}/${slug}`.toLowerCase());
          return members ? { members: ({ first }: { first?: number }) => ({ totalCount: members.length, nodes: members.slice(0, first ?? 100).map((m) => ({ login: m })) }) } : null;
        },
      }),
    };
  }

  /**
   * The current name of `repo` (following renames), or null when no such repository exists or this
   * installation cannot see it. By default a repository exists when it is the governance
   * repository, is listed in `repos`, holds items or discussions, or has Discussions enabled.
   */
  private resolveRepo(repo: string): string | null {
    // Loops, not copies of the state: a search and each `repository` read resolve names (the
    // state is read as it is now: tests change it between runs).
    const asked = repo.toLowerCase();
    let current = repo;
    for (const [old, now] of this.renamed) {
      if (old.toLowerCase() === asked) {
        current = now;
        break;
      }
    }
    if (!this.visible(current)) return null;
    const wanted = current.toLowerCase();
    if (wanted === this.governanceRepo.toLowerCase() || this.categories.has(wanted)) return current;
    for (const r of this.repos) if (r.toLowerCase() === wanted) return current;
    for (const i of this.items.values()) if (i.repo.toLowerCase() === wanted) return current;
    for (const d of this.discussions.values()) if (d.repo.toLowerCase() === wanted) return current;
    return null;
  }

  /** Whether the installation can see `repo`'s items in a search (it exists and is not hidden). */
  private visible(repo: string): boolean {
    const wanted = repo.toLowerCase();
    for (const r of this.hidden) if (r.toLowerCase() === wanted) return false;
    return true;
  }

  private repository(asked: string) {
    const repo = this.resolveRepo(asked);
    if (repo === null) throw notFound(`Could not resolve to a Repository with the name '${asked}'.`);
    const categories = this.categories.get(repo.toLowerCase());
    const own = () => [...this.items.values()].filter((i) => i.repo.toLowerCase() === repo.toLowerCase());
    const governance = repo.toLowerCase() === this.governanceRepo.toLowerCase();
    return {
      nameWithOwner: repo,
      defaultBranchRef: { name: 'main', target: this.commitNode(this.defaultSha, governance ? this.charters : null) },
      ref: ({ qualifiedName }: { qualifiedName: string }) => {
        const branch = governance && qualifiedName.startsWith('refs/heads/') ? this.branches.get(qualifiedName.slice('refs/heads/'.length)) : undefined;
        return branch ? { target: this.commitNode(branch.sha, branch.files) } : null;
      },
      object: ({ expression, oid }: { expression?: string | null; oid?: string | null }) => {
        if (!governance) return null;
        if (oid) return this.commitNode(oid, this.filesAt(oid));
        const [sha = '', path = ''] = (expression ?? '').split(':');
        const files = sha === 'HEAD' ? this.charters : sha ? this.filesAt(sha) : null;
        return files ? this.objectAt(files, path) : null;
      },
      pullRequest: ({ number }: { number: number }) => {
        const item = this.items.get(itemKey(repo, number));
        return item && item.type === 'pull_request' ? this.node(item) : null;
      },
      issueOrPullRequest: ({ number }: { number: number }) => {
        const item = this.items.get(itemKey(repo, number));
        if (!item) throw notFound(`Could not resolve to an issue or pull request with the number of ${number}.`);
        return this.node(item);
      },
      issues: (args: { labels?: string[] | null; states?: string[] | null; first?: number; after?: string | null; orderBy?: { field: string; direction: string } | null }) => {
        const list = own()
          .filter((i) => i.type === 'issue')
          .filter((i) => !args.labels || args.labels.some((l) => hasLabel(i.labels, l)))
          .filter((i) => !args.states || args.states.includes(i.state === 'open' ? 'OPEN' : 'CLOSED'))
          .sort((a, b) => timeOf(a.createdAt) - timeOf(b.createdAt) || a.number - b.number);
        if (args.orderBy?.direction === 'DESC') list.reverse();
        return connection(list, args.first, args.after, (i) => this.node(i));
      },
      pullRequests: (args: { states?: string[] | null; headRefName?: string | null; first?: number; after?: string | null; orderBy?: { field: string; direction: string } | null }) => {
        const list = own()
          .filter((i) => i.type === 'pull_request')
          .filter((i) => !args.states || args.states.includes(i.state.toUpperCase()))
          .filter((i) => !args.headRefName || i.headRef === args.headRefName)
          .sort((a, b) => a.number - b.number);
        if (args.orderBy?.direction === 'DESC') list.reverse();
        return connection(list, args.first, args.after, (i) => this.node(i));
      },
      hasDiscussionsEnabled: categories !== undefined,
      discussionCategories: ({ first, after }: { first?: number; after?: string | null }) => connection((categories ?? []).map((c) => ({ __typename: 'DiscussionCategory', ...c })), first, after),
      discussions: (args: { first?: number; after?: string | null; categoryId?: string | null; orderBy?: { field: string; direction: string } | null }) => {
        const category = args.categoryId ? (categories ?? []).find((c) => c.id === args.categoryId) : undefined;
        if (args.categoryId && !category) throw graphqlError(`Could not resolve to a node with the global id of '${args.categoryId}'`, 'NOT_FOUND');
        const field = args.orderBy?.field === 'CREATED_AT' ? 'createdAt' : 'updatedAt';
        const list = [...this.discussions.values()]
          .filter((d) => d.repo.toLowerCase() === repo.toLowerCase() && (!category || d.category === category.name))
          .sort((a, b) => timeOf(a[field]) - timeOf(b[field]) || a.number - b.number);
        if (args.orderBy?.direction !== 'ASC') list.reverse();
        return connection(list, args.first, args.after, (d) => this.discussionNode(d, categories ?? []));
      },
    };
  }

  private discussionNode(d: FakeDiscussion, categories: readonly FakeCategory[]) {
    const category = categories.find((c) => c.name === d.category);
    return {
      __typename: 'Discussion',
      id: `D_${d.repo}#${d.number}`,
      number: d.number,
      title: d.title,
      url: `https://github.com/${d.repo}/discussions/${d.number}`,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      closed: d.closed,
      closedAt: d.closedAt,
      author: graphqlActor(d.author),
      category: category ? { __typename: 'DiscussionCategory', ...category } : null,
      comments: (args: { first?: number | null; last?: number | null }) =>
        window(
          d.comments.map((c) => ({
            __typename: 'DiscussionComment',
            createdAt: c.at,
            author: graphqlActor(c.actor),
            replies: (r: { first?: number | null; last?: number | null }) => window(c.replies.map((x) => ({ __typename: 'DiscussionComment', createdAt: x.at, author: graphqlActor(x.actor) })), r),
          })),
          args,
        ),
    };
  }

  /** A commit whose charters folder holds `files` (null: no folder): `oid`, `file(path:)`, its author, this App's check suite. */
  private commitNode(oid: string, files: Record<string, string> | null) {
    const author = this.commitAuthors.get(oid);
    return {
      __typename: 'Commit',
      oid,
      file: ({ path }: { path: string }) => {
        const object = files ? this.objectAt(files, path) : null;
        return object ? { oid: object.oid, object } : null;
      },
      author: { name: author ?? this.app.login, user: author ? { __typename: 'User', login: author } : null },
      checkSuites: () => {
        const runs = this.checkRuns.filter((r) => r.head_sha === oid);
        if (runs.length === 0) return { nodes: [] };
        return {
          nodes: [
            {
              __typename: 'CheckSuite',
              app: { slug: this.appSlug },
              checkRuns: ({ first, filterBy }: { first?: number; filterBy?: { checkName?: string | null; checkType?: string | null } | null }) => {
                let list = runs.filter((r) => !filterBy?.checkName || r.name === filterBy.checkName);
                // LATEST: the newest run of each name (GitHub's default is every run).
                if (filterBy?.checkType === 'LATEST') list = [...new Map(list.map((r) => [r.name, r])).values()];
                return {
                  nodes: list.slice(0, first ?? 100).map((r) => ({ __typename: 'CheckRun', name: r.name, databaseId: r.id, status: r.status.toUpperCase(), startedAt: r.started_at, externalId: r.external_id ?? null })),
                };
              },
            },
          ],
        };
      },
    };
  }

  /** The charters folder at commit `sha`: the default branch's, or a branch's; null for another commit. */
  private filesAt(sha: string): Record<string, string> | null {
    if (sha === this.defaultSha) return this.charters;
    for (const branch of this.branches.values()) if (branch.sha === sha) return branch.files;
    return this.commitFiles.get(sha) ?? null;
  }

  /**
   * The tree or blob at `path` among `files` (a commit's charters): the YAML folder's tree; with
   * files by path (charter pages), the tree of a folder holding some of them directly, or one
   * file's blob. Null for anything else.
   */
  private objectAt(files: Record<string, string>, path: string) {
    if (this.groupsDir) return path === this.groupsDir ? this.chartersTree(files) : null;
    const text = files[path];
    if (text !== undefined) return { __typename: 'Blob', oid: blobSha(text), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
    const inFolder = Object.entries(files).filter(([file]) => file.startsWith(`${path}/`) && !file.slice(path.length + 1).includes('/'));
    return inFolder.length > 0 ? this.chartersTree(Object.fromEntries(inFolder.map(([file, t]) => [file.slice(path.length + 1), t]))) : null;
  }

  private chartersTree(files: Record<string, string> = this.charters) {
    const entries = Object.entries(files)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, text]) => ({
        name,
        type: 'blob',
        oid: blobSha(text),
        object: { __typename: 'Blob', oid: 'b'.repeat(40), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text },
      }));
    // A tree's id follows its entries, as git's does: the same folder at two commits has one id.
    return { __typename: 'Tree', oid: createHash('sha1').update(entries.map((e) => `${e.name}:${e.oid}`).join('\n')).digest('hex'), entries };
  }

  /** GitHub's search over issues and pull requests: `repo:`, `user:`/`org:`, `label:` (commas: any of), `updated:`, `is:`. */
  private search(args: { query: string; type: string; first?: number; after?: string | null }, searchable: () => SearchableItems) {
    if (args.type !== 'ISSUE') throw graphqlError(`the fake searches issues only, not ${args.type}`);
    const refusal = this.refuseSearch?.(args.query, args.after ?? null) ?? null;
    if (refusal !== null) throw graphqlError(refusal, 'INVALID');
    const filter = parseSearch(args.query);
    if (filter.problems.length) {
      this.problems.push(...filter.problems);
      throw graphqlError(filter.problems.join('; '));
    }
    // GitHub refuses the whole search when one `repo:` names a repository that does not exist or
    // this installation cannot see (REST: 422 Validation Failed), or a `user:` / `org:` no one
    // visible: it never silently searches the others.
    const unsearchable = filter.repos.some((r) => this.resolveRepo(r)?.toLowerCase() !== r.toLowerCase()) || filter.owners.some((o) => !this.ownerVisible(o));
    if (unsearchable) {
      throw graphqlError('The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.', 'INVALID');
    }
    // A search of one repository reads its items only; either list is in the search's order.
    const { all, byRepo } = searchable();
    const candidates = filter.owners.length === 0 && filter.repos.length === 1 ? (byRepo.get((filter.repos[0] as string).toLowerCase()) ?? []) : all;
    const matches = candidates.filter(filter.matches);
    // At most 1,000 results are reachable, whatever `issueCount` says. Only the page's items become nodes.
    const page = connection(matches.slice(0, 1000), args.first, args.after, (i) => this.node(i));
    return { issueCount: matches.length, ...page };
  }

  /**
   * The items a search can return (not in a hidden repository), newest update first (then by
   * repository and number), and those of each repository (lower-cased `owner/name`) in that order.
   */
  private searchableItems(): SearchableItems {
    const hidden = new Set([...this.hidden].map((r) => r.toLowerCase()));
    const all = [...this.items.values()].filter((i) => !hidden.has(i.repo.toLowerCase()));
    all.sort((a, b) => timeOf(b.updatedAt) - timeOf(a.updatedAt) || (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : a.number - b.number));
    const byRepo = new Map<string, FakeItem[]>();
    for (const i of all) {
      const repo = i.repo.toLowerCase();
      const list = byRepo.get(repo);
      if (list) list.push(i);
      else byRepo.set(repo, [i]);
    }
    return { all, byRepo };
  }

  /**
   * Whether a `user:` / `org:` names an owner of some repository this installation can see (the
   * governance repository, those listed in `repos`, those holding items or discussions); each
   * repository checked once.
   */
  private ownerVisible(owner: string): boolean {
    const wanted = owner.toLowerCase();
    const checked = new Set<string>();
    const visible = (r: string) => {
      if (r.split('/')[0]?.toLowerCase() !== wanted || checked.has(r)) return false;
      checked.add(r);
      return this.resolveRepo(r) !== null;
    };
    if (visible(this.governanceRepo)) return true;
    for (const r of this.repos) if (visible(r)) return true;
    for (const i of this.items.values()) if (visible(i.repo)) return true;
    for (const d of this.discussions.values()) if (visible(d.repo)) return true;
    return false;
  }

  private node(item: FakeItem) {
    const gql = graphqlActor;
    const common = {
      __typename: item.type === 'issue' ? 'Issue' : 'PullRequest',
      id: `${item.type === 'issue' ? 'I' : 'PR'}_${item.repo}#${item.number}`,
      number: item.number,
      title: item.title,
      body: item.body,
      url: itemUrl(item),
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      closedAt: item.closedAt,
      closed: item.state !== 'open',
      repository: { nameWithOwner: item.repo },
      author: gql(item.author),
      comments: ({ first }: { first?: number }) => {
        const all = this.commentsOn(item.repo, item.number);
        return { totalCount: all.length, nodes: all.slice(0, first ?? 100).map((c) => ({ databaseId: c.id, body: c.body, author: c.by ? graphqlActor({ login: c.by, type: c.type ?? 'User' }) : null })) };
      },
      labels: ({ first }: { first?: number }) => ({ totalCount: item.labels.length, nodes: item.labels.slice(0, first ?? 100).map((name) => ({ name })) }),
      timelineItems: ({ itemTypes, first, last }: { itemTypes?: string[] | null; first?: number | null; last?: number | null }) => {
        const events = item.events.filter((e) => !itemTypes || itemTypes.includes(TIMELINE_TYPE[e.kind]));
        const start = typeof last === 'number' ? Math.max(0, events.length - last) : 0;
        // Only the events read become nodes.
        const slice = events.slice(start, typeof last === 'number' ? events.length : (first ?? events.length)).map((e) => {
          const typename = TIMELINE_TYPENAME[e.kind];
          switch (e.kind) {
            case 'comment':
              return { __typename: typename, createdAt: e.at, author: gql(e.actor) };
            case 'review':
              return { __typename: typename, submittedAt: e.at, createdAt: e.at, author: gql(e.actor) };
            case 'commit':
              return {
                __typename: typename,
                commit: { committedDate: e.at, author: { name: e.actor?.login ?? 'unknown', user: e.actor && e.actor.type === 'User' ? { __typename: 'User', login: e.actor.login } : null } },
              };
            default:
              return { __typename: typename, createdAt: e.at, actor: gql(e.actor) };
          }
        });
        // `hasPreviousPage`: older events than those read (a search reads the newest of each item).
        return { totalCount: events.length, nodes: slice, pageInfo: { hasPreviousPage: start > 0, hasNextPage: start + slice.length < events.length, startCursor: null, endCursor: null } };
      },
    };
    if (item.type === 'issue') {
      return { ...common, state: item.state === 'open' ? 'OPEN' : 'CLOSED', stateReason: item.stateReason };
    }
    return {
      ...common,
      state: item.state.toUpperCase(),
      merged: item.state === 'merged',
      mergedAt: item.mergedAt,
      headRefOid: this.headSha(item),
      baseRefOid: this.defaultSha,
      headRefName: item.headRef ?? 'topic',
      headRepository: { nameWithOwner: item.repo },
      isDraft: item.draft === true,
      // One commit: the branch's head (its author, this App's check runs on it).
      // The branch's commits the fake made (oldest first), or its head alone.
      commits: () => {
        const made = item.headRef ? (this.branchCommits.get(item.headRef) ?? []) : [];
        const shas = made.length > 0 ? made : [this.headSha(item)];
        return { totalCount: shas.length, nodes: shas.map((sha) => ({ commit: this.commitNode(sha, this.filesAt(sha)) })) };
      },
      // GitHub's test merge: the branch's charters (the fake's branches start from the default
      // branch), computed as it is read, so its parents are the default branch's current commit
      // and the head, in GitHub's order (base side first).
      potentialMergeCommit:
        item.headRef && this.branches.get(item.headRef)
          ? {
              ...this.commitNode(`m${this.headSha(item).slice(1)}`, this.branches.get(item.headRef)?.files ?? null),
              parents: ({ first }: { first?: number | null }) => {
                const parents = [this.defaultSha, this.headSha(item)];
                return { totalCount: parents.length, nodes: parents.slice(0, first ?? parents.length).map((oid) => ({ __typename: 'Commit', oid })) };
              },
            }
          : null,
      closingIssuesReferences: () => ({
        nodes: [...item.body.matchAll(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?) #(\d+)/gi)].flatMap((m) => {
          const closed = this.items.get(itemKey(item.repo, Number(m[1])));
          return closed && closed.type === 'issue' ? [{ number: closed.number, author: graphqlActor(closed.author) }] : [];
        }),
      }),
      latestOpinionatedReviews: () => {
        const latest = new Map<string, FakeReview>();
        for (const r of item.reviews ?? []) if (r.state !== 'COMMENTED') latest.set(r.login.toLowerCase(), r);
        return { totalCount: latest.size, nodes: [...latest.values()].map((r) => ({ state: r.state, submittedAt: r.at, author: { __typename: 'User', login: r.login }, commit: r.sha ? this.commitNode(r.sha, this.filesAt(r.sha)) : null })) };
      },
    };
  }

  /** Issues, pull requests and discussions share one number space per repository. */
  private nextNumber(repo: string): number {
    return (this.highestNumber.get(repo.toLowerCase()) ?? 0) + 1;
  }

  /** Keeps `highestNumber` (what `nextNumber` reads) as items and discussions are added. */
  private numbered(repo: string, number: number): void {
    const key = repo.toLowerCase();
    this.highestNumber.set(key, Math.max(this.highestNumber.get(key) ?? 0, number));
  }
}

/** An account as GraphQL names it: a bot without its REST `[bot]` suffix. */
function graphqlActor(actor: FakeActor | null) {
  return actor ? { __typename: actor.type, login: actor.type === 'Bot' ? actor.login.replace(REST_BOT_SUFFIX, '') : actor.login, databaseId: actor.id ?? null } : null;
}

/** A connection's `first` or `last` nodes (no cursors), with its total. */
function window<T>(all: readonly T[], args: { first?: number | null; last?: number | null }) {
  const nodes = typeof args.last === 'number' ? all.slice(Math.max(0, all.length - args.last)) : all.slice(0, args.first ?? all.length);
  return { totalCount: all.length, nodes };
}

/** A category's slug as GitHub derives it from the name: `Registry WG` → `registry-wg`. */
function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

const TIMELINE_TYPE: Record<FakeEventKind, string> = {
  comment: 'ISSUE_COMMENT',
  review: 'PULL_REQUEST_REVIEW',
  commit: 'PULL_REQUEST_COMMIT',
  closed: 'CLOSED_EVENT',
  merged: 'MERGED_EVENT',
  reopened: 'REOPENED_EVENT',
  labeled: 'LABELED_EVENT',
};
const TIMELINE_TYPENAME: Record<FakeEventKind, string> = {
  comment: 'IssueComment',
  review: 'PullRequestReview',
  commit: 'PullRequestCommit',
  closed: 'ClosedEvent',
  merged: 'MergedEvent',
  reopened: 'ReopenedEvent',
  labeled: 'LabeledEvent',
};

export function itemKey(repo: string, number: number): string {
  return `${repo.toLowerCase()}#${number}`;
}

export function itemUrl(item: Pick<FakeItem, 'repo' | 'number' | 'type'>): string {
  return `https://github.com/${item.repo}/${item.type === 'pull_request' ? 'pull' : 'issues'}/${item.number}`;
}

function hasLabel(labels: readonly string[], label: string): boolean {
  return labels.some((l) => l.toLowerCase() === label.toLowerCase());
}

/**
 * `Date.parse(text)`, remembered per text (a text always names the same instant): every search
 * filters and sorts all items by their update times, and the data sets share a few thousand times.
 */
const parsedTimes = new Map<string, number>();
function timeOf(text: string): number {
  let ms = parsedTimes.get(text);
  if (ms === undefined) {
    ms = Date.parse(text);
    parsedTimes.set(text, ms);
  }
  return ms;
}

function latest(instants: (string | null)[]): string {
  return instants.filter((x): x is string => x !== null).reduce((a, b) => (timeOf(b) > timeOf(a) ? b : a));
}

/** An error GitHub reports with `type: NOT_FOUND` beside the data of the other fields. */
function notFound(message: string): Error {
  return graphqlError(message, 'NOT_FOUND');
}

/** A page of a connection; cursors are offsets. `node` makes the nodes of the page's items only. */
function connection<T, N = T>(all: readonly T[], first: number | undefined, after: string | null | undefined, node: (item: T) => N = (item) => item as unknown as N) {
  const start = after ? Number(after.replace(/^cursor:/, '')) : 0;
  const size = Math.min(first ?? 100, 100);
  const nodes = all.slice(start, start + size).map(node);
  const end = start + nodes.length;
  return { totalCount: all.length, nodes, pageInfo: { hasNextPage: end < all.length, endCursor: nodes.length ? `cursor:${end}` : null, hasPreviousPage: start > 0, startCursor: `cursor:${start}` } };
}

/** The operation name of a GraphQL document (`anonymous` without one). */
export function operationName(query: string): string {
  return /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1] ?? 'anonymous';
}

/** A short name for a REST request: `POST issue`, `PATCH issue`, `POST comment`, `GET config`, or method and path. */
export function restKind(method: string, rawPath: string): string {
  const path = decodeURIComponent(rawPath);
  if (/^\/repos\/[^/]+\/[^/]+\/contents\/\.github\//.test(path)) return `${method} config`;
  if (/^\/repos\/[^/]+\/[^/]+\/contents\//.test(path)) return `${method} file`;
  if (/^\/repos\/[^/]+\/[^/]+\/git\/refs(\/.*)?$/.test(path)) return `${method} branch`;
  if (/^\/repos\/[^/]+\/[^/]+\/pulls(\/\d+)?$/.test(path)) return `${method} pull`;
  if (/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+$/.test(path)) return `${method} comment`;
  if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) return `${method} issue`;
  if (/^\/repos\/[^/]+\/[^/]+\/issues\/\d+$/.test(path)) return `${method} issue`;
  if (/^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.test(path)) return `${method} comment`;
  if (/^\/repos\/[^/]+\/[^/]+\/installation$/.test(path)) return `${method} installation`;
  if (/^\/app\/installations\/\d+\/access_tokens$/.test(path)) return `${method} access token`;
  if (path === '/app/hook/deliveries') return `${method} deliveries`;
  if (/^\/app\/hook\/deliveries\/\d+\/attempts$/.test(path)) return `${method} redelivery`;
  return `${method} ${path}`;
}

/** GitHub's issue search syntax, the part the job uses; anything else is a problem. */
export function parseSearch(query: string): { matches: (item: FakeItem) => boolean; problems: string[]; repos: string[]; owners: string[] } {
  const problems: string[] = [];
  const repos: string[] = [];
  const owners: string[] = [];
  const scopes: ((i: FakeItem) => boolean)[] = [];
  const filters: ((i: FakeItem) => boolean)[] = [];
  const tokens = query.match(/-?[a-z]+:(?:"[^"]*"|[^\s",]+)(?:,(?:"[^"]*"|[^\s",]+))*|"[^"]*"|\S+/g) ?? [];
  for (const token of tokens) {
    const m = /^([a-z]+):(.*)$/.exec(token);
    if (!m) {
      problems.push(`search term "${token}" is not a qualifier the job is expected to send`);
      continue;
    }
    const [, key, raw = ''] = m;
    const values = (raw.match(/"[^"]*"|[^,]+/g) ?? []).map((v) => v.replace(/^"|"$/g, ''));
    switch (key) {
      case 'repo': {
        repos.push(raw);
        const repo = raw.toLowerCase();
        scopes.push((i) => i.repo.toLowerCase() === repo);
        break;
      }
      case 'user':
      case 'org': {
        owners.push(raw);
        const owner = raw.toLowerCase();
        scopes.push((i) => i.repo.split('/')[0]?.toLowerCase() === owner);
        break;
      }
      case 'label': {
        const wanted = values.map((v) => v.toLowerCase());
        filters.push((i) => i.labels.some((l) => wanted.includes(l.toLowerCase())));
        break;
      }
      case 'is':
        if (raw === 'issue') filters.push((i) => i.type === 'issue');
        else if (raw === 'pr' || raw === 'pull-request') filters.push((i) => i.type === 'pull_request');
        else if (raw === 'open') filters.push((i) => i.state === 'open');
        else if (raw === 'closed') filters.push((i) => i.state !== 'open');
        else problems.push(`unsupported qualifier ${token}`);
        break;
      case 'sort':
        if (raw !== 'updated-desc') problems.push(`unsupported sort ${token}`);
        break;
      case 'updated': {
        const range = dateRange(raw);
        if (!range) problems.push(`bad date qualifier ${token}`);
        else
          filters.push((i) => {
            const at = timeOf(i.updatedAt);
            return at >= range.from && at < range.to;
          });
        break;
      }
      default:
        problems.push(`unsupported qualifier ${token}`);
    }
  }
  return { matches: (i) => (scopes.length === 0 || scopes.some((s) => s(i))) && filters.every((f) => f(i)), problems, repos, owners };
}

/**
 * `>=T`, `>T`, `<=T`, `<T`, `T`, `A..B` as a half-open range of ms, where each bound is a UTC day
 * (`YYYY-MM-DD`: the whole day) or an ISO 8601 instant (exactly).
 */
function dateRange(text: string): { from: number; to: number } | null {
  const DAY = 86_400_000;
  /** [start, end) of a day or an instant. */
  const span = (t: string): [number, number] => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
      const start = Date.parse(`${t}T00:00:00Z`);
      return [start, start + DAY];
    }
    const ms = /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})$/.test(t) ? Date.parse(t) : NaN;
    return [ms, ms + 1];
  };
  let m: RegExpMatchArray | null;
  let range: { from: number; to: number };
  if ((m = text.match(/^(.+)\.\.(.+)$/))) range = { from: span(m[1] as string)[0], to: span(m[2] as string)[1] };
  else if ((m = text.match(/^>=(.+)$/))) range = { from: span(m[1] as string)[0], to: Infinity };
  else if ((m = text.match(/^>(.+)$/))) range = { from: span(m[1] as string)[1], to: Infinity };
  else if ((m = text.match(/^<=(.+)$/))) range = { from: -Infinity, to: span(m[1] as string)[1] };
  else if ((m = text.match(/^<(.+)$/))) range = { from: -Infinity, to: span(m[1] as string)[0] };
  else range = { from: span(text)[0], to: span(text)[1] };
  return Number.isNaN(range.from) || Number.isNaN(range.to) ? null : range;
}

/** The git blob id of a text, as GitHub's tree entries give it. */
export function blobSha(text: string): string {
  const content = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** A commit id for a folder's state (and something unique to the commit). */
function treeSha(files: Record<string, string>, salt: string): string {
  return createHash('sha1').update(JSON.stringify(Object.entries(files).sort())).update(salt).digest('hex');
}
