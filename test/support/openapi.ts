/**
 * GitHub's REST OpenAPI description (@octokit/openapi) as a test oracle: every REST request the
 * App sends must be an operation GitHub documents, with a body its schema accepts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

interface Operation {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: unknown;
}

const require = createRequire(import.meta.url);
let spec: Spec | undefined;
let ajv: Ajv | undefined;
const routes: { method: string; pattern: RegExp; template: string }[] = [];
const validators = new Map<string, ValidateFunction>();

function load(): Spec {
  if (spec) return spec;
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
  ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'github', components: toJsonSchema(spec.components) });
  for (const [template, methods] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const method of Object.keys(methods)) routes.push({ method: method.toUpperCase(), pattern, template });
  }
  // Literal segments must win over parameters (e.g. /repos/{o}/{r}/labels vs /repos/{o}/{r}/{x}).
  routes.sort((a, b) => b.template.replace(/\{[^}]+\}/g, '').length - a.template.replace(/\{[^}]+\}/g, '').length);
  return spec;
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

/**
 * Checks one REST request against GitHub's OpenAPI description.
 * @returns a list of problems (empty when the request is a documented operation with a valid body)
 */
export function checkRestRequest(method: string, path: string, body: unknown): string[] {
  const s = load();
  const bare = path.replace(/^\/api\/v3/, '').split('?')[0] ?? path;
  const route = routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(bare));
  if (!route) return [`${method} ${bare} is not an operation of GitHub's REST API`];
  const operation = s.paths[route.template]?.[method.toLowerCase()] as Operation;
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema || body === undefined || body === '') return [];
  const key = `${method} ${route.template}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = (ajv as Ajv).compile(toJsonSchema(schema, true) as object);
    validators.set(key, validate);
  }
  const parsed = typeof body === 'string' ? JSON.parse(body) : body;
  if (validate(parsed)) return [];
  return (validate.errors ?? []).map((e) => `${operation.operationId}: body${e.instancePath} ${e.message}`);
}
