/**
 * GitHub's REST OpenAPI description (@octokit/openapi) as a test oracle: every REST request the
 * App sends must be an operation GitHub documents, with a body its schema accepts, that the
 * permissions `app.yml` asks for allow.
 *
 * Permissions. The OpenAPI description does not say which permission an operation needs (its
 * `x-github` block has only `category`, `subcategory`, `enabledForGitHubApps`, `githubCloudOnly`
 * and notes, and a few descriptions mention one in prose); GitHub's docs do, from a table of every
 * operation under each permission that grants it (`server-to-server-permissions.json` in
 * github/docs). `test/fixtures/github-app-permissions.json` holds that table's entries for the
 * operations the tests make (source in `test/fixtures/README.md`): a request whose operation it
 * does not list is a problem until its entries are added, so the table follows the requests.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Ajv as AjvInstance, ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';

interface Operation {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: unknown;
}

const require = createRequire(import.meta.url);
/**
 * Ajv, loaded only when this module validates with its own (outside jest, or a description not
 * checked yet): under jest the environment's validators are used, and a test file that loaded Ajv
 * for nothing paid ~20 modules. Node's own `require`, outside the test file's registry.
 */
const newAjv = (options: ConstructorParameters<typeof AjvInstance>[0]): AjvInstance => new (require('ajv') as { Ajv: typeof AjvInstance }).Ajv(options);
let spec: Spec | undefined;
/**
 * The operations by method and number of path segments (a parameter is one segment: `[^/]+`), each
 * list with literal segments first (e.g. /repos/{o}/{r}/labels before /repos/{o}/{r}/{x}).
 */
const routes = new Map<string, { pattern: RegExp; template: string }[]>();
const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path.split('/').length}`;

/**
 * JSON Schema validation of request bodies: under jest, the validators the test environment keeps
 * for the whole worker (test/support/environment.mjs), compiled once per worker; elsewhere, an Ajv
 * of this module's. A validator returns Ajv's errors, or null when the data is valid.
 */
interface JsonSchemaEngine {
  validator(
    definitionsId: string,
    definitions: () => { text: string; validateSchema: boolean },
    schemaId: string,
    schema: () => string,
  ): (data: unknown) => { instancePath: string; message: string }[] | null;
}

function localJsonSchemas(): JsonSchemaEngine {
  let ajv: AjvInstance | undefined;
  const validators = new Map<string, ValidateFunction>();
  return {
    validator(_definitionsId, definitions, schemaId, schema) {
      if (!ajv) {
        const { text, validateSchema } = definitions();
        ajv = newAjv({ strict: false, validateFormats: false, allErrors: true, validateSchema });
        ajv.addSchema(JSON.parse(text) as object);
      }
      let validate = validators.get(schemaId);
      if (!validate) {
        validate = ajv.compile(JSON.parse(schema()) as object);
        validators.set(schemaId, validate);
      }
      const compiled = validate;
      return (data) => (compiled(data) ? null : (compiled.errors ?? []).map((e) => ({ instancePath: e.instancePath, message: e.message ?? '' })));
    },
  };
}

const jsonSchemas: JsonSchemaEngine = (globalThis as { groupStewardJsonSchemas?: JsonSchemaEngine }).groupStewardJsonSchemas ?? localJsonSchemas();
/** The description's identity (its cache file's name) and its components as one JSON Schema document, `github`. */
let definitions: { id: string; text: () => { text: string; validateSchema: boolean } } | undefined;

function load(): Spec {
  if (spec) return spec;
  const { description, checked, keep, id } = requestSpec();
  // The components' schemas are checked against JSON Schema's meta-schema when the description is
  // read (Ajv's default); a cache is written only after that check passed, and not checked again.
  definitions = {
    id,
    text: () => {
      const text = JSON.stringify({ $id: 'github', components: toJsonSchema(description.components) });
      if (!checked) newAjv({ strict: false, validateFormats: false }).addSchema(JSON.parse(text) as object);
      keep();
      return { text, validateSchema: false };
    },
  };
  const all: { method: string; pattern: RegExp; template: string; literal: number }[] = [];
  for (const [template, methods] of Object.entries(description.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const literal = template.replace(/\{[^}]+\}/g, '').length;
    for (const method of Object.keys(methods)) all.push({ method, pattern, template, literal });
  }
  // Literal segments must win over parameters (e.g. /repos/{o}/{r}/labels vs /repos/{o}/{r}/{x}).
  all.sort((a, b) => b.literal - a.literal);
  for (const { method, pattern, template } of all) {
    const key = routeKey(method, template);
    const list = routes.get(key) ?? [];
    list.push({ pattern, template });
    routes.set(key, list);
  }
  spec = description;
  return spec;
}

/** Bumped whenever `slim` changes what it keeps (or what a cache vouches for): a cache written by another version is not read. */
const SLIM_FORMAT = 2;

/**
 * What the oracle reads of GitHub's description (`slim`): from a cache file next to the other
 * tools' caches (node_modules/.cache), named by the package's version and the description file's
 * size and modification time, or else from the 13 MB description itself (then cached). Parsing
 * the whole description costs a quarter of a second in every test file that checks a request; what
 * the oracle reads of it is 0.5 MB.
 */
function requestSpec(): { description: Spec; checked: boolean; keep: () => void; id: string } {
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const { version } = JSON.parse(readFileSync(require.resolve('@octokit/openapi/package.json'), 'utf8')) as { version: string };
  const { size, mtimeMs } = statSync(file);
  const cacheFile = join(dirname(require.resolve('@octokit/openapi/package.json')), '..', '..', '.cache', 'group-steward-tests', `openapi-${version}-${size}-${Math.trunc(mtimeMs)}-v${SLIM_FORMAT}.json`);
  try {
    return { description: JSON.parse(readFileSync(cacheFile, 'utf8')) as Spec, checked: true, keep: () => {}, id: cacheFile };
  } catch {
    // No cache yet (or unreadable): read the description.
  }
  const slimmed = slim(JSON.parse(readFileSync(file, 'utf8')) as Spec);
  const keep = () => {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify(slimmed));
      renameSync(partial, cacheFile);
    } catch {
      // A read-only node_modules: read the description again next time.
    }
  };
  return { description: slimmed, checked: false, keep, id: cacheFile };
}

/**
 * The part of the description the oracle reads: every operation (path, method, `operationId`),
 * the JSON schema of its request body, and the components those schemas reference, transitively.
 */
function slim(full: Spec): Spec {
  const at = (ref: string): unknown => ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], full);
  const refs = new Set<string>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k !== '$ref' || typeof v !== 'string') collect(v);
      else if (v.startsWith('#/') && !refs.has(v)) {
        refs.add(v);
        collect(at(v));
      }
    }
  };
  const paths: Spec['paths'] = {};
  for (const [template, methods] of Object.entries(full.paths)) {
    paths[template] = {};
    for (const [method, operation] of Object.entries(methods)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (schema !== undefined) collect(schema);
      paths[template][method] = { operationId: operation.operationId, ...(schema === undefined ? {} : { requestBody: { content: { 'application/json': { schema } } } }) };
    }
  }
  const components: Record<string, unknown> = {};
  for (const ref of refs) {
    const [, ...keys] = ref.slice(2).split('/');
    if (!ref.startsWith('#/components/') || keys.length === 0) continue;
    let node = components;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1] as string] = at(ref);
  }
  return { paths, components };
}

/**
 * OpenAPI 3.0 schema → JSON Schema: `nullable: true` becomes a `null` type (or enum value), and
 * local `$ref`s point into the `github` document holding the components.
 */
function toJsonSchema(schema: unknown, rebaseRefs = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, rebaseRefs));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'nullable') continue;
    out[k] = k === '$ref' && rebaseRefs && typeof v === 'string' && v.startsWith('#/') ? `github${v}` : toJsonSchema(v, rebaseRefs);
  }
  if ((schema as { nullable?: unknown }).nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

/** A REST request's operation in GitHub's OpenAPI description: `METHOD /template`, and its id; null when it is none. */
export function restOperation(method: string, path: string): { key: string; template: string; operationId: string } | null {
  const s = load();
  const bare = path.replace(/^\/api\/v3/, '').split('?')[0] ?? path;
  const route = routes.get(routeKey(method, bare))?.find((r) => r.pattern.test(bare));
  if (!route) return null;
  const operation = s.paths[route.template]?.[method.toLowerCase()] as Operation;
  return { key: `${method.toUpperCase()} ${route.template}`, template: route.template, operationId: operation.operationId };
}

/**
 * Checks one REST request against GitHub's OpenAPI description and against the permissions
 * `app.yml` asks for (`permissionProblems`).
 * @returns a list of problems (empty when the request is a documented operation with a valid body that the App's permissions allow)
 */
export function checkRestRequest(method: string, path: string, body: unknown): string[] {
  const s = load();
  const found = restOperation(method, path);
  if (!found) return [`${method} ${path.replace(/^\/api\/v3/, '').split('?')[0] ?? path} is not an operation of GitHub's REST API`];
  const problems = permissionProblems(found.key);
  const operation = s.paths[found.template]?.[method.toLowerCase()] as Operation;
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema || body === undefined || body === '') return problems;
  const { id, text } = definitions as NonNullable<typeof definitions>;
  const validate = jsonSchemas.validator(id, text, found.key, () => JSON.stringify(toJsonSchema(schema, true)));
  const errors = validate(typeof body === 'string' ? JSON.parse(body) : body);
  if (!errors) return problems;
  return [...problems, ...errors.map((e) => `${operation.operationId}: body${e.instancePath} ${e.message}`)];
}

// ---- Permissions -------------------------------------------------------------------------------

export type Access = 'read' | 'write' | 'admin';
const RANK: Record<Access, number> = { read: 1, write: 2, admin: 3 };

/** One entry of GitHub's table: an operation under one permission, and the access it needs there. */
interface PermissionEntry {
  slug: string;
  verb: string;
  requestPath: string;
  access: Access;
  'server-to-server': boolean;
  'additional-permissions': boolean;
}
type PermissionTable = Record<string, { title: string; permissions: PermissionEntry[] }>;

/** Operations an installation's permissions do not govern, and why. */
export const NO_INSTALLATION_PERMISSION: Readonly<Record<string, string>> = {
  'POST /app/installations/{installation_id}/access_tokens': "the token exchange, signed with the App's JWT: no installation permission applies",
  'GET /repos/{owner}/{repo}/installation': "signed with the App's JWT (finding a repository's installation): no installation permission applies",
  'GET /installation/repositories': 'lists the repositories the installation token reaches: GitHub asks no permission of it',
  'GET /app/hook/deliveries': "the App's own webhook deliveries, signed with its JWT: no installation permission applies",
  'POST /app/hook/deliveries/{delivery_id}/attempts': "a redelivery of the App's own webhook delivery, signed with its JWT: no installation permission applies",
};

/**
 * Permissions GitHub's table lists beside another for an operation (`additional-permissions`)
 * that GitHub asks only in a case the App never meets, and why it never meets it.
 */
export const CONDITIONAL_PERMISSIONS: Readonly<Record<string, string>> = {
  workflows:
    "asked of a file write or a ref update only when the commits change files in .github/workflows/; the App writes charter files in groups_dir only (creation and retirement branches), from the default branch's commit",
};

let table: PermissionTable | undefined;
let granted: Record<string, Access> | undefined;

/** GitHub's table of the permissions each operation the tests make needs (test/fixtures/github-app-permissions.json). */
export function permissionTable(): PermissionTable {
  table ??= JSON.parse(readFileSync(new URL('../fixtures/github-app-permissions.json', import.meta.url), 'utf8')) as PermissionTable;
  return table;
}

/** The permissions app.yml asks for (`default_permissions`). */
export function grantedPermissions(): Record<string, Access> {
  granted ??= (parseYaml(readFileSync(new URL('../../app.yml', import.meta.url), 'utf8')) as { default_permissions: Record<string, Access> }).default_permissions;
  return granted;
}

/**
 * The permissions an installation token needs for operation `key` (`METHOD /template`), from
 * GitHub's table: every permission that lists it for installation tokens (server-to-server), at
 * the highest access listed, but those in `CONDITIONAL_PERMISSIONS`. An operation listed under
 * two permissions (an issue comment or label under Issues and Pull requests) needs both: the App
 * calls it on issues and on pull requests. Undefined when the table does not list the operation.
 */
export function neededPermissions(key: string): { permission: string; access: Access }[] | undefined {
  const [verb = '', template = ''] = key.split(' ');
  const needed = new Map<string, Access>();
  for (const [permission, group] of Object.entries(permissionTable())) {
    for (const entry of group.permissions) {
      if (entry.verb !== verb.toLowerCase() || entry.requestPath !== template || !entry['server-to-server']) continue;
      const before = needed.get(permission);
      if (!before || RANK[entry.access] > RANK[before]) needed.set(permission, entry.access);
    }
  }
  if (needed.size === 0) return undefined;
  return [...needed].filter(([permission]) => !(permission in CONDITIONAL_PERMISSIONS)).map(([permission, access]) => ({ permission, access }));
}

/** What `grants` (default: app.yml's) lack for operation `key` (`METHOD /template`), or that GitHub's table (as kept here) does not say what it needs. */
export function permissionProblems(key: string, grants: Readonly<Record<string, Access>> = grantedPermissions()): string[] {
  if (key in NO_INSTALLATION_PERMISSION) return [];
  const needed = neededPermissions(key);
  if (!needed) {
    return [`${key}: test/fixtures/github-app-permissions.json does not say which permission it needs (add its entries from GitHub's table, test/fixtures/README.md), or list it in NO_INSTALLATION_PERMISSION`];
  }
  return needed
    .filter(({ permission, access }) => !(grants[permission] && RANK[grants[permission] as Access] >= RANK[access]))
    .map(({ permission, access }) => `${key} needs the ${permission}: ${access} permission; app.yml asks for ${grants[permission] ? `${permission}: ${grants[permission]}` : `no ${permission} permission`}`);
}
