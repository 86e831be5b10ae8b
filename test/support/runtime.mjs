/**
 * jest's module runtime (jest-runtime, named by `runtime` in jest.config.js), with changes that
 * make each test file cheaper to load and nothing else different: modules compile from V8's code
 * cache, resolutions are kept for the worker, and so are the project's file texts, their
 * transforms and export lists; packages of many modules resolve to their bundles, zod loads
 * English only, nock does not load the npm `undici` package, and only modules that have an
 * `import()` get the callback that kept every test file's context alive (below).
 *
 * ## V8's code cache
 *
 * jest gives every test file a fresh module registry, so each file compiles again every module it
 * loads — Probot, Octokit, graphql, yaml, zod, nock and undici, TypeScript, jest's own expect and
 * circus, the sources — from the same text. Here, after a test file ran, V8's code cache of each
 * module it compiled afresh is kept (made then, so that it holds the functions the tests called,
 * not only the top level), and the next test file that loads the same text compiles from it: in
 * memory within a worker, and on disk for the other workers and the next runs. Nothing else
 * changes: every test file still gets its own registry and its own module instances, evaluated
 * afresh in its own context.
 *
 * The cache is checked: an entry is used only for the very text it was made from (compared whole
 * in memory, by SHA-256 on disk), under the same Node version, and V8 itself refuses data made
 * for other source, by another V8 or with other flags (then the module compiles as it would
 * without this runtime, and its entry is made again). On disk it is one file per module path in
 * node_modules/.cache/group-steward-tests/, rewritten when that module's text changes; deleting
 * the folder only makes the next run compile everything once more.
 *
 * jest loads this file with `require` (Node's `require` of an ES module): the runtime class is the
 * module's `module.exports` export.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { parse as lexModule } from 'es-module-lexer/js';
import Runtime from 'jest-runtime';
import { BUNDLED, bundleFile, entryOf } from './package-bundles.js';

const DIRECTORY = new URL(`../../node_modules/.cache/group-steward-tests/v8-code-cache-${process.version}-${process.arch}/`, import.meta.url);
const sha256 = (text) => createHash('sha256').update(text).digest();

/** @type {Map<string, { source: string; data: Buffer }>} module key → its source text and code cache */
const memory = new Map();
/** @type {{ key: string; source: string; compiled: { createCachedData(): Buffer } }[]} compiled without a cache, waiting for one */
let uncached = [];
let writable = true;

const entryFile = (key) => new URL(`${sha256(key).toString('hex').slice(0, 40)}.bin`, DIRECTORY);

/**
 * ## Dynamic import only for the modules that have one
 *
 * jest gives every module it compiles a dynamic-import callback (`importModuleDynamically`). Node
 * registers each such module under a symbol that V8's compilation cache keeps for the rest of the
 * worker, and the registration holds the module — so a worker kept every test file's whole
 * context, module instances and test data included: ~10 MB a file, 1.26 GB by the end of a run in
 * band, paid again by every later collection and in page faults. Here only a module whose text
 * holds an `import()` (es-module-lexer's reading: not one in a comment or a string) gets the
 * callback. A module without one cannot use it (an `eval` of one would fail loudly, with Node's
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). One of jest's own CommonJS modules that has one
 * (jest-util's `requireOrImportModule`, for jest's configuration files) imports with Node's own
 * loader, as it does outside the test files. Every other module imports through jest, as before.
 */
/** @type {Map<string, { source: string; dynamic: boolean }>} module key → whether its text has an `import()` */
const dynamicImports = new Map();
const JEST_OWN = /[\\/]node_modules[\\/](?:jest-[^\\/]+|@jest[\\/][^\\/]+|expect)[\\/]/;

/**
 * `import`, then `(` — past any white space or the start of a comment: every `import()` call has
 * this text (a keyword cannot be written with escapes), and most modules, bundles included, have
 * none at all, so the lexer reads only those that do.
 */
const IMPORT_CALL_TEXT = /\bimport\s*(?:\(|\/[*/])/;

/** Whether the module `key` of text `source` has an `import()`; true when the lexer cannot read it. */
function hasDynamicImport(key, source) {
  const kept = dynamicImports.get(key);
  if (kept?.source === source) return kept.dynamic;
  let dynamic = IMPORT_CALL_TEXT.test(source);
  try {
    if (dynamic) dynamic = lexModule(source)[0].some((entry) => entry.type === 'dynamic');
  } catch {
    // Not readable as JavaScript by the lexer: the callback, as jest gives it.
  }
  dynamicImports.set(key, { source, dynamic });
  return dynamic;
}

/** The code cache made from exactly `source` for module `key`, from memory or disk; undefined when there is none. */
function cachedDataFor(key, source) {
  const kept = memory.get(key);
  if (kept) return kept.source === source ? kept.data : undefined;
  let stored;
  try {
    stored = readFileSync(entryFile(key));
  } catch {
    return undefined;
  }
  // 32 bytes: the SHA-256 of the source text the rest was made from.
  if (stored.length <= 32 || !sha256(source).equals(stored.subarray(0, 32))) return undefined;
  const data = stored.subarray(32);
  memory.set(key, { source, data });
  return data;
}

/** Compiled without a (usable) cache: its cache is made after the test file ran. */
function compiledAfresh(key, source, compiled) {
  memory.delete(key);
  uncached.push({ key, source, compiled });
}

/** After a test file: the code cache of each module it compiled afresh, lazily compiled functions included. */
function keepCaches() {
  for (const { key, source, compiled } of uncached) {
    if (memory.get(key)?.source === source) continue;
    let data;
    try {
      data = compiled.createCachedData();
    } catch {
      continue; // V8 could not serialize it: this module compiles afresh each time.
    }
    memory.set(key, { source, data });
    if (!writable) continue;
    try {
      mkdirSync(DIRECTORY, { recursive: true });
      const file = entryFile(key);
      const partial = new URL(`${file.href}.${process.pid}.tmp`);
      writeFileSync(partial, Buffer.concat([sha256(source), data]));
      renameSync(partial, file);
    } catch {
      writable = false; // A read-only node_modules: the cache stays in memory.
    }
  }
  uncached = [];
}

// ES modules: jest-runtime builds them with `new vm.SourceTextModule(code, { identifier, … })`,
// reading the class from node:vm at each use. The replacement builds the same class's instances
// (its prototype is the class's: `instanceof` and the capability checks see vm.SourceTextModule).
// A module's cache is made when it is compiled (V8 makes none once it was evaluated): it holds the
// top level, its functions compile when first called.
if (!vm.SourceTextModule.withCodeCache) {
  const SourceTextModule = vm.SourceTextModule;
  const CachedSourceTextModule = function (source, options = {}) {
    const key = typeof options.identifier === 'string' && !options.identifier.startsWith('data:') ? `esm:${options.identifier}` : undefined;
    const cachedData = key ? cachedDataFor(key, source) : undefined;
    if (key && options.importModuleDynamically && !hasDynamicImport(key, source)) {
      options = { ...options };
      delete options.importModuleDynamically;
    }
    let module;
    if (cachedData) {
      try {
        module = Reflect.construct(SourceTextModule, [source, { ...options, cachedData }], SourceTextModule);
      } catch (error) {
        // Data V8 refuses (another V8, other flags): compiled afresh, its cache made again.
        if (error?.code !== 'ERR_VM_MODULE_CACHED_DATA_REJECTED') throw error;
      }
    }
    if (!module) {
      module = Reflect.construct(SourceTextModule, [source, options], SourceTextModule);
      if (key) {
        // A module's code cache can only be made before it is evaluated: here, then.
        let data;
        try {
          data = module.createCachedData();
        } catch {
          // Not serializable: this module compiles afresh each time.
        }
        if (data) compiledAfresh(key, source, { createCachedData: () => data });
      }
    }
    return module;
  };
  CachedSourceTextModule.prototype = SourceTextModule.prototype;
  Object.setPrototypeOf(CachedSourceTextModule, SourceTextModule);
  CachedSourceTextModule.withCodeCache = true;
  vm.SourceTextModule = CachedSourceTextModule;
}

/**
 * CommonJS: jest-runtime's module executor compiles each module with `vm.compileFunction`, whose
 * code cache can only be made before the module runs. Here the same function comes from a script,
 * whose cache can be made after the test file ran.
 */
function compileWithCache(executor, scriptSource, filename) {
  const vmContext = executor.environment.getVmContext();
  if (vmContext === null || vmContext === undefined) return null;
  const parameters = executor.injectedModuleParameters.join(', ');
  const key = `cjs:${filename}:${parameters}`;
  const cachedData = cachedDataFor(key, scriptSource);
  let script;
  try {
    // The body on the source's own lines: the wrapper shifts only the first line's columns.
    script = new vm.Script(`(function (${parameters}) {${scriptSource}\n})`, {
      filename,
      cachedData,
      ...(!hasDynamicImport(key, scriptSource)
        ? {}
        : JEST_OWN.test(filename)
          ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }
          : { importModuleDynamically: (specifier, _script, importAttributes, phase) => executor.dynamicImport(specifier, filename, vmContext, importAttributes, phase) }),
    });
  } catch {
    // Not a script (a syntax error, ES module syntax…): jest's own compile, and its errors.
    return undefined;
  }
  if (!cachedData || script.cachedDataRejected === true) compiledAfresh(key, scriptSource, script);
  return script.runInContext(vmContext);
}

/**
 * ## nock without the npm `undici` package
 *
 * nock, when it is activated, loads the npm `undici` package if one is installed, to intercept the
 * requests of clients built on it (`lib/interceptors/undici.js`; without the package it says so in
 * its debug log and goes on). Here the package is installed only as a dependency of
 * `@actions/http-client` (its proxy agent), which the code under test never sends requests
 * through: every request goes through Node's `http`/`https` and `fetch`, which nock intercepts
 * without it. Loading it cost every test file ~100 modules (8 MB of source, compiled and run) for
 * nothing; nock is told here that it is not installed, as it is told on a machine without it.
 * Only nock's own require of it is answered so: `@actions/http-client` still imports it.
 */
const NOCK_UNDICI_INTERCEPTOR = /[\\/]node_modules[\\/]nock[\\/]lib[\\/]interceptors[\\/]undici\.js$/;

async function keepAsync(from, to, resolveAsync) {
  const path = redirectEsm(await resolveAsync(from, to));
  if (to) resolutions.set(`esm\0${from}\0${to}`, path);
  return path;
}

/**
 * ## Resolutions kept for the worker
 *
 * jest resolves every import of every test file afresh (its resolution cache is the test file's):
 * the same `from` and specifier always give the same file during a run — the file system, the
 * configuration (moduleNameMapper included) and the conditions do not change — so the worker keeps
 * each answer. A failed resolution is not kept (it throws again, as before).
 *
 * ## zod in English only
 *
 * zod's `locales` namespace (`zod/v4/locales/index.js`, imported by its `core` and `classic`
 * entries) loads all 64 locales; zod itself uses English (`locales/en.js`, imported directly), as
 * Group Steward does. Resolved from zod's own files, it is test/support/zod-locales.mjs: `en` only.
 */
const resolutions = new Map();
const ZOD_LOCALES = /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/;
const ZOD_ENGLISH_ONLY = fileURLToPath(new URL('./zod-locales.mjs', import.meta.url));
const redirect = (path) => (typeof path === 'string' && ZOD_LOCALES.test(path) ? ZOD_ENGLISH_ONLY : path);

/**
 * ## Packages of many modules as one module each
 *
 * These packages resolve to their bundles (test/support/package-bundles.js, made by the global
 * setup, which names their directory in `GROUP_STEWARD_TEST_PACKAGES`): one module instead of
 * dozens, evaluated afresh in each test file as the package would be. A CommonJS package's bundle
 * stands for its main file for `require` and `import`, an ES module package's for `import`.
 */
const PACKAGES = process.env.GROUP_STEWARD_TEST_PACKAGES;
const bundles = (commonjs) => new Map(PACKAGES ? BUNDLED.filter((pkg) => commonjs === undefined || pkg.commonjs === commonjs).map((pkg) => [entryOf(pkg), bundleFile(PACKAGES, pkg)]) : []);
const ESM_BUNDLES = bundles(undefined);
const CJS_BUNDLES = bundles(true);
const redirectCjs = (path) => redirect(CJS_BUNDLES.get(path) ?? path);
const redirectEsm = (path) => redirect(ESM_BUNDLES.get(path) ?? path);

/** `resolve` (from, to) → path, kept per kind for the worker; `to` empty: `from` itself, as jest's. */
function keptResolution(kind, resolve) {
  const redirected = kind === 'esm' ? redirectEsm : redirectCjs;
  return (from, to) => {
    if (!to) return resolve(from, to);
    const key = `${kind}\0${from}\0${to}`;
    let path = resolutions.get(key);
    if (path === undefined) {
      path = redirected(resolve(from, to));
      resolutions.set(key, path);
    }
    return path;
  };
}

/**
 * ## Files, transforms and export lists kept for the worker
 *
 * jest reads every module's text afresh in every test file, transforms it (its on-disk transform
 * cache: the text hashed, the cached result read from a file) and, for a CommonJS module imported
 * by an ES module, lexes it for its export names: its caches are the test file's. For a file under
 * the project's root, the worker keeps its text, the transform of that very text with the same
 * options, and its export list. They are checked: a text is used again only while the file's
 * modification time and size are those it was read with (one `stat`; a run in band under
 * `jest --watch` keeps this module between runs, and the file may have been edited), and a new
 * text drops the file's export list. A file elsewhere (a test's temporary folder) is read,
 * transformed and lexed afresh, as jest does.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ofProject = (path) => typeof path === 'string' && path.startsWith(ROOT);
/** @type {Map<string, { text: string; stamp: string | undefined }>} path → its text, and its modification time and size when read */
const texts = new Map();
/** @type {Map<string, { source: string; result: unknown }>} path and options → the transform of `source` */
const transforms = new Map();
/** @type {Map<string, Set<string>>} path → the export names of that CommonJS module */
const exportLists = new Map();

/** The modification time and size of `path`, or undefined when it cannot be read. */
function stampOf(path) {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats ? `${stats.mtimeMs}:${stats.size}` : undefined;
  } catch {
    return undefined;
  }
}

/** A Map whose entries for the project's files are the worker's (`kept`), the others its own. */
class ProjectMap extends Map {
  constructor(kept) {
    super();
    this.kept = kept;
  }
  get(key) {
    return ofProject(key) ? this.kept.get(key) : super.get(key);
  }
  has(key) {
    return ofProject(key) ? this.kept.has(key) : super.has(key);
  }
  set(key, value) {
    if (ofProject(key)) this.kept.set(key, value);
    else super.set(key, value);
    return this;
  }
  delete(key) {
    return ofProject(key) ? this.kept.delete(key) : super.delete(key);
  }
}

/** `transform` (filename, options, source) → result, kept for the project's files while the text and options are the same. */
function keptTransform(transform) {
  return (filename, options, source) => {
    if (!ofProject(filename) || typeof source !== 'string') return transform(filename, options, source);
    const key = `${filename}\0${JSON.stringify(options)}`;
    const kept = transforms.get(key);
    if (kept?.source === source) return kept.result;
    const result = transform(filename, options, source);
    transforms.set(key, { source, result });
    return result;
  };
}

/** Keeps the runtime's file texts, transforms and export lists for the worker (see above); a jest without these parts is left as it is. */
function keepForWorker(runtime) {
  const { fileCache, transformCache, cjsExportsCache } = runtime;
  if (fileCache && typeof fileCache.readFile === 'function' && fileCache.strings instanceof Map) {
    const readFile = fileCache.readFile.bind(fileCache);
    fileCache.readFile = (filename) => {
      if (!ofProject(filename) || fileCache.strings.has(filename)) return readFile(filename);
      const stamp = stampOf(filename);
      const kept = texts.get(filename);
      if (stamp !== undefined && kept?.stamp === stamp) {
        fileCache.strings.set(filename, kept.text);
        return kept.text;
      }
      const text = readFile(filename);
      texts.set(filename, { text, stamp });
      exportLists.delete(filename);
      return text;
    };
  }
  const transformer = transformCache?.scriptTransformer;
  if (transformer && typeof transformer.transform === 'function' && typeof transformer.transformAsync === 'function') {
    transformer.transform = keptTransform(transformer.transform.bind(transformer));
    transformer.transformAsync = keptTransform(transformer.transformAsync.bind(transformer));
  }
  if (cjsExportsCache && cjsExportsCache.cache instanceof Map) cjsExportsCache.cache = new ProjectMap(exportLists);
}

export default class GroupStewardRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const resolution = this._resolution;
    if (resolution && typeof resolution.resolveEsm === 'function' && typeof resolution.resolveCjs === 'function' && typeof resolution.resolveEsmAsync === 'function') {
      const esm = keptResolution('esm', resolution.resolveEsm.bind(resolution));
      resolution.resolveEsm = esm;
      resolution.resolveCjs = keptResolution('cjs', resolution.resolveCjs.bind(resolution));
      // The asynchronous form gives what the synchronous one gives (jest's resolver, same options).
      const esmAsync = resolution.resolveEsmAsync.bind(resolution);
      resolution.resolveEsmAsync = async (from, to) => (to && resolutions.has(`esm\0${from}\0${to}`) ? esm(from, to) : keepAsync(from, to, esmAsync));
    }
    keepForWorker(this);
    const executor = this.executor;
    const compile = executor.compile.bind(executor);
    executor.compile = (scriptSource, filename) => {
      const compiled = compileWithCache(executor, scriptSource, filename);
      return compiled === undefined ? compile(scriptSource, filename) : compiled;
    };
  }

  requireModuleOrMock(from, moduleName) {
    if (moduleName === 'undici' && NOCK_UNDICI_INTERCEPTOR.test(from)) {
      throw Object.assign(new Error("Cannot find module 'undici' (not loaded for nock in the tests: see test/support/runtime.mjs)"), { code: 'MODULE_NOT_FOUND' });
    }
    return super.requireModuleOrMock(from, moduleName);
  }

  teardown() {
    keepCaches();
    super.teardown();
  }
}

export { GroupStewardRuntime as 'module.exports' };
