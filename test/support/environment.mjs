/**
 * The tests' environment: jest's Node environment, plus the network guard (below), GitHub's
 * example webhook payloads, TypeScript's compiler API and two oracles kept for the whole worker —
 * the fake GitHub's GraphQL engine (`groupStewardGraphql` on each test file's global;
 * bench/activity-github.ts) and the JSON Schema validators of GitHub's REST description
 * (`groupStewardJsonSchemas`; test/support/openapi.ts).
 *
 * Every test file gets a fresh module registry, so a fake GitHub built in it would load graphql-js
 * again, build GitHub's public schema again from its 5 MB introspection (~50 ms), validate each
 * query again and run the executor cold. The engine here is loaded once per worker, outside the
 * test files' registries: the schema built once, each distinct query text parsed and validated
 * once, the executor warm. It holds no state a test could change: the schema, and the outcome of
 * checking a query text (a function of the text and the schema alone). What the fake answers is
 * computed by the resolvers each test file's fake passes to `execute`, as before.
 *
 * The engine's objects come from this realm, not the test file's: the fake throws its resolvers'
 * errors made by `error()` (graphql-js wraps anything that is not an `Error` of its own realm), and
 * reads results as plain data (their JSON is what the client gets).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { Ajv } from 'ajv';
import { TestEnvironment } from 'jest-environment-node';

const require = createRequire(import.meta.url);

/** @type {undefined | ReturnType<typeof graphqlEngine>} */
let engine;

function graphqlEngine() {
  // graphql-js checks, on every failed `instanceof` of its own types, whether the value comes from
  // a second copy of graphql (to throw a clearer error) unless NODE_ENV is `production`: with one
  // copy (test/github/openapi-oracle.test.ts checks it) the check cannot fire, and it is ~40% of
  // an execution. Loaded here in its production form; NODE_ENV is `test` again for the rest.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let graphql;
  try {
    graphql = require('graphql');
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  /** @type {import('graphql').GraphQLSchema | undefined} */
  let schema;
  const checked = new Map();
  return {
    /** GitHub's public GraphQL schema, from `@octokit/graphql-schema`'s `schema.json`. */
    schema() {
      schema ??= graphql.buildClientSchema(JSON.parse(readFileSync(new URL('schema.json', import.meta.resolve('@octokit/graphql-schema')), 'utf8')));
      return schema;
    },
    /** A query text's document and its validation errors against the schema, or its syntax error. */
    checked(source) {
      let outcome = checked.get(source);
      if (!outcome) {
        let document;
        try {
          document = graphql.parse(source);
        } catch (error) {
          outcome = { syntaxError: error };
        }
        outcome ??= { document, errors: graphql.validate(this.schema(), document) };
        checked.set(source, outcome);
      }
      return outcome;
    },
    /** graphql-js's `execute` on the schema. */
    execute(args) {
      return graphql.execute({ ...args, schema: this.schema() });
    },
    /** An error a resolver throws, of this realm, so that graphql-js keeps it as the field's original error. */
    error(message) {
      return new Error(message);
    },
  };
}

/**
 * JSON Schema validators (Ajv) for the worker: one Ajv per set of shared definitions (named by the
 * caller, e.g. by the description's version), each schema compiled once. Compiling GitHub's
 * request bodies' schemas, and the 0.5 MB of components they reference, took every test file that
 * checks a request a tenth of a second or more. Schemas and definitions are given as JSON text
 * (read here, in this realm); a validator returns Ajv's errors, or null when the data is valid.
 */
function jsonSchemaEngine() {
  /** @type {Map<string, { ajv: Ajv; validators: Map<string, import('ajv').ValidateFunction> }>} */
  const sets = new Map();
  return {
    /**
     * @param {string} definitionsId names the definitions: the same id, the same definitions
     * @param {() => { text: string; validateSchema: boolean }} definitions their document as JSON text (an object with an `$id`), and whether to check it against JSON Schema's meta-schema; called once per worker
     * @param {string} schemaId names the schema among those of the definitions
     * @param {() => string} schema the schema as JSON text, called once per worker
     */
    validator(definitionsId, definitions, schemaId, schema) {
      let set = sets.get(definitionsId);
      if (!set) {
        const { text, validateSchema } = definitions();
        const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, validateSchema });
        ajv.addSchema(JSON.parse(text));
        set = { ajv, validators: new Map() };
        sets.set(definitionsId, set);
      }
      let validate = set.validators.get(schemaId);
      if (!validate) {
        validate = set.ajv.compile(JSON.parse(schema()));
        set.validators.set(schemaId, validate);
      }
      const compiled = validate;
      return (data) => (compiled(data) ? null : (compiled.errors ?? []).map((e) => ({ instancePath: e.instancePath, message: e.message ?? '' })));
    },
  };
}

/** @type {undefined | ReturnType<typeof jsonSchemaEngine>} */
let jsonSchemas;

/**
 * TypeScript's compiler API (9 MB of JavaScript), loaded once per worker when first asked for: the
 * tests that read every source file's imports with its pre-processor (test/layers.test.ts,
 * test/container/dockerfile.test.ts) do not load it into their own registries.
 */
let typescript;
const loadTypeScript = () => (typescript ??= require('typescript'));

/** GitHub's example webhook payloads (@octokit/webhooks-examples, 4 MB of JSON), read once per worker, when first asked for; test/support/probot.ts copies each payload it gives. */
let webhookExamples;
const readWebhookExamples = () => (webhookExamples ??= require('@octokit/webhooks-examples/api.github.com/index.json'));

/**
 * The network guard: no test touches the network. A socket of this worker — `http`, `https`,
 * `fetch`, Redis, whatever the client — may connect only to this machine (a loopback address,
 * `localhost` or a Unix socket); any other connection fails as a refused connection would, with
 * code `ENETUNREACH` (nock's code for a disallowed connection), before any DNS lookup. It guards
 * every test file, including those that never load nock; in those that do, nock (with
 * `disableNetConnect()`, test/support/nock.mjs) answers or refuses first, as before.
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '::']);
if (!net.Socket.prototype.connect.groupStewardGuard) {
  const connect = net.Socket.prototype.connect;
  const guarded = function (...args) {
    const first = args[0];
    const options = Array.isArray(first) ? first[0] : first;
    let host;
    if (options !== null && typeof options === 'object') host = options.path ? undefined : (options.host || 'localhost'); // a path: a Unix socket (net's own rule)
    else if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options))) host = typeof args[1] === 'string' ? args[1] : 'localhost';
    if (host !== undefined && !LOOPBACK.has(host.replace(/^\[|\]$/g, '')) && !host.startsWith('127.')) {
      const port = typeof options === 'object' ? options.port : options;
      const error = Object.assign(new Error(`no test touches the network: a connection to ${host}:${String(port)} was refused (test/support/environment.mjs)`), { code: 'ENETUNREACH' });
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return connect.apply(this, args);
  };
  guarded.groupStewardGuard = true;
  net.Socket.prototype.connect = guarded;
}

export default class GroupStewardEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    engine ??= graphqlEngine();
    jsonSchemas ??= jsonSchemaEngine();
    this.global.groupStewardGraphql = engine;
    this.global.groupStewardJsonSchemas = jsonSchemas;
    this.global.groupStewardWebhookExamples = readWebhookExamples;
    this.global.groupStewardTypeScript = loadTypeScript;
  }

  async teardown() {
    // nock, if the test file loaded it (test/support/nock.mjs): Node's http and https unpatched.
    this.global[Symbol.for('group-steward.nock')]?.restore();
    await super.teardown();
  }
}
