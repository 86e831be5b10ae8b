/**
 * The container, where Docker cannot run: the Dockerfile's instructions (parsed with
 * dockerfile-ast, as an editor's language server parses them) checked against the App's real
 * files — package.json's `start` script, the files the build context holds, tsconfig's output —
 * and its HEALTHCHECK run against Probot's own server, a failing one and a frozen one (the probe
 * gives up by itself, as podman does not cut it). Also: nothing in src/ imports a package the
 * runtime stage leaves out (`npm ci --omit=dev`); docs/container.md says what the image does.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DockerfileParser } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';
import picomatch from 'picomatch';
// pino is Probot's logger (a dependency of probot, not of the App): a Server needs one.
import { pino } from 'pino';
import { Probot, Server } from 'probot';
import { typescript } from '../support/typescript.js';
import groupSteward from '../../src/index.js';
import { testPrivateKey } from '../support/keys.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(posix.join(ROOT, path), 'utf8');

interface PackageJson {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const pkg = JSON.parse(read('package.json')) as PackageJson;

// ---- the Dockerfile, split into its stages ----

interface Stage {
  name: string | null;
  image: { name: string | null; tag: string | null; digest: string | null };
  instructions: Instruction[];
}

const dockerfile = DockerfileParser.parse(read('Dockerfile'));
const stages: Stage[] = [];
for (const instruction of dockerfile.getInstructions()) {
  if (instruction.getKeyword() === 'FROM') {
    const from = dockerfile.getFROMs().find((f) => f.getRange().start.line === instruction.getRange().start.line);
    if (!from) throw new Error('a FROM dockerfile-ast does not list');
    stages.push({ name: from.getBuildStage(), image: { name: from.getImageName(), tag: from.getImageTag(), digest: from.getImageDigest() }, instructions: [] });
  } else {
    const current = stages.at(-1);
    if (!current) throw new Error(`${instruction.getKeyword()} before any FROM`);
    current.instructions.push(instruction);
  }
}
const runtime = stages.at(-1) as Stage;
const build = stages.find((s) => s.name === 'build');

const of = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.getKeyword() === keyword);
const last = (stage: Stage, keyword: string) => of(stage, keyword).at(-1);
const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());
/** An exec-form instruction's array (`CMD ["a", "b"]`); null for the shell form. */
function execForm(i: Instruction | undefined): string[] | null {
  const content = i?.getArgumentsContent()?.trim();
  return content?.startsWith('[') ? (JSON.parse(content) as string[]) : null;
}
function env(stage: Stage): Record<string, string> {
  const values: Record<string, string> = {};
  for (const i of of(stage, 'ENV')) {
    for (const p of (i as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties()) {
      values[p.getName()] = p.getValue() ?? '';
    }
  }
  return values;
}
function workdir(stage: Stage): string {
  const dir = last(stage, 'WORKDIR');
  return dir ? (args(dir)[0] as string) : '/';
}
/** COPY instructions: `--from` stage (null: the build context), sources, destination (absolute). */
function copies(stage: Stage) {
  return of(stage, 'COPY').map((i) => {
    const from = (i as unknown as { getFromFlag(): { getValue(): string | null } | null }).getFromFlag()?.getValue() ?? null;
    const all = args(i);
    const dest = all.at(-1) as string;
    const line = i.getRange().start.line;
    const dir = stage.instructions.filter((w) => w.getKeyword() === 'WORKDIR' && w.getRange().start.line < line).at(-1);
    return { from, sources: all.slice(0, -1), dest: posix.resolve(dir ? (args(dir)[0] as string) : '/', dest) };
  });
}
/** The RUN commands of a stage, each `&&` part on its own. */
const runCommands = (stage: Stage) => of(stage, 'RUN').flatMap((i) => (i.getArgumentsContent() ?? '').split('&&').map((c) => c.replace(/\s+/g, ' ').trim()));

// ---- the build context: .dockerignore as Docker reads it ----

/**
 * Whether Docker sends `path` in the build context: each .dockerignore pattern (cleaned, `!` for
 * an exception) matches the path or one of its parent folders, and the last matching one wins.
 */
const ignorePatterns = read('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => {
    const exception = l.startsWith('!');
    const pattern = posix.normalize((exception ? l.slice(1) : l).trim()).replace(/^\/+|\/+$/g, '');
    return { exception, match: picomatch(pattern, { dot: true }) };
  });
function inContext(path: string): boolean {
  const parts = posix.normalize(path).replace(/\/+$/, '').split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let excluded = false;
  for (const { exception, match } of ignorePatterns) {
    if (candidates.some((c) => match(c))) excluded = !exception;
  }
  return !excluded;
}

/** package.json's `start` script as the argv an exec-form CMD gives, in the runtime stage. */
function startArgv(): string[] {
  const start = pkg.scripts.start as string;
  const [command, ...rest] = start.trim().split(/\s+/);
  if (command === 'node') return ['node', ...rest];
  // npm runs a package binary from node_modules/.bin, so the image runs that same file.
  return [posix.join(workdir(runtime), 'node_modules/.bin', command as string), ...rest];
}

// The probe against a frozen server (it accepts the connection and never answers) waits out its
// own timeout, seconds: started before the file's tests, it waits while they run; its test (the
// last of "how the container runs") reads the outcome.
let frozenProbe: Promise<{ outcome: { code: number | null; killed: boolean }; connections: number }>;
const frozenSockets: Socket[] = [];
const frozen = createServer((socket) => {
  frozenSockets.push(socket);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
  const { port } = frozen.address() as AddressInfo;
  frozenProbe = runProbe(healthcheckArgv(), port, durationMs(healthcheckFlags().timeout as string)).then((outcome) => ({ outcome, connections: frozenSockets.length }));
});
afterAll(async () => {
  await frozenProbe;
  for (const socket of frozenSockets) socket.destroy();
  if (frozen.listening) await new Promise((resolve) => frozen.close(resolve));
});

describe('Dockerfile: the runtime stage runs what `npm start` runs', () => {
  it('`npm start` only starts the built code (no compiler at run time); `npm run dev` builds first', () => {
    expect(pkg.scripts.start).not.toMatch(/tsc|npm run build|&&/);
    expect(pkg.scripts.dev).toMatch(/^npm run build\b.*&& npm start$/);
  });

  it("CMD is the `start` script, in exec form, so the signal reaches node — under tini, which forwards it", () => {
    expect(execForm(last(runtime, 'CMD'))).toEqual(startArgv());
    // node as PID 1 has no SIGTERM handler, and the kernel drops such a signal: tini is PID 1.
    expect(execForm(last(runtime, 'ENTRYPOINT'))).toEqual(['/usr/bin/tini', '--']);
    expect(runCommands(runtime).some((c) => /^apt-get install\b.*\btini\b/.test(c))).toBe(true);
  });

  it('the command exists in the runtime image: a production dependency\'s binary, and the built entry point', () => {
    const [binary, ...rest] = startArgv();
    if (binary !== 'node') {
      const name = posix.basename(binary as string);
      const owner = Object.keys(pkg.dependencies).find((dep) => {
        const bin = (JSON.parse(read(`node_modules/${dep}/package.json`)) as { bin?: string | Record<string, string> }).bin;
        return typeof bin === 'string' ? dep === name : bin !== undefined && name in bin;
      });
      expect({ binary: name, owner }).toEqual({ binary: name, owner: expect.any(String) });
    }
    // The script's file (dist/src/….js) is copied from the build stage, where tsc compiled it from src/….ts.
    const entry = rest.find((a) => a.endsWith('.js')) as string;
    const entryInImage = posix.resolve(workdir(runtime), entry);
    const built = copies(runtime).find((c) => c.from !== null && entryInImage.startsWith(`${c.dest}/`));
    expect(built).toBeDefined();
    const outDir = (JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string } }).compilerOptions.outDir;
    const relative = posix.relative(posix.resolve(workdir(runtime), outDir), entryInImage);
    expect(existsSync(posix.join(ROOT, relative.replace(/\.js$/, '.ts')))).toBe(true);
  });
});

describe('Dockerfile: what each stage copies exists', () => {
  it('every COPY from the build context names a file of the repository that .dockerignore lets through', () => {
    const sources = stages.flatMap((s) => copies(s).filter((c) => c.from === null).flatMap((c) => c.sources));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect({ source, exists: existsSync(posix.join(ROOT, source)), inContext: inContext(source) }).toEqual({ source, exists: true, inContext: true });
    }
  });

  it('the build stage copies what `npm run build` needs: package files, the tsconfig it uses and the one it extends, src/', () => {
    expect(build).toBeDefined();
    const stage = build as Stage;
    const copied = new Set(copies(stage).flatMap((c) => c.sources.map((s) => s.replace(/\/+$/, ''))));
    const buildTsconfig = /tsc -p (\S+)/.exec(pkg.scripts.build as string)?.[1] as string;
    const extended = (JSON.parse(read(buildTsconfig)) as { extends?: string }).extends;
    for (const needed of ['package.json', 'package-lock.json', buildTsconfig, ...(extended ? [posix.normalize(extended)] : []), 'src']) {
      expect({ needed, copied: copied.has(needed) }).toEqual({ needed, copied: true });
    }
    expect(runCommands(stage)).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b/), 'npm run build']));
  });

  it('every COPY --from takes a build stage\'s output: <WORKDIR>/<tsconfig outDir>/src', () => {
    const outDir = (JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string } }).compilerOptions.outDir;
    const fromStage = copies(runtime).filter((c) => c.from !== null);
    expect(fromStage.length).toBeGreaterThan(0);
    for (const copy of fromStage) {
      const stage = stages.find((s) => s.name === copy.from);
      expect(stage).toBeDefined();
      expect(copy.sources).toEqual([posix.join(workdir(stage as Stage), outDir, 'src')]);
    }
  });

  it('the runtime stage installs production dependencies only, and carries app.yml (Probot reads it for setup)', () => {
    const installs = runCommands(runtime).filter((c) => c.startsWith('npm ci') || c.startsWith('npm install'));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/^npm ci\b.* --omit=dev\b/);
    expect(copies(runtime).filter((c) => c.from === null).flatMap((c) => c.sources)).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'app.yml']),
    );
  });
});

describe('Dockerfile: how the container runs', () => {
  it('runs as a user who is not root', () => {
    const user = last(runtime, 'USER');
    expect(user).toBeDefined();
    expect(args(user as Instruction)[0]).not.toMatch(/^(root|0)(:.*)?$/);
    // …and nothing after it switches back.
    const cmdLine = (last(runtime, 'CMD') as Instruction).getRange().start.line;
    expect((user as Instruction).getRange().start.line).toBeLessThan(cmdLine);
  });

  it('NODE_ENV=production, HOST=0.0.0.0, LOG_FORMAT=json; EXPOSE and PORT agree with Probot\'s default port', () => {
    expect(env(runtime)).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', LOG_FORMAT: 'json', PORT: '3000' });
    // Probot listens on PORT, 3000 when unset (the README maps -p 3000:3000).
    expect(of(runtime, 'EXPOSE').flatMap(args)).toEqual([env(runtime).PORT]);
  });

  it('pins every base image to a tag, never `latest`, on an even-numbered (LTS) Node line the App supports', () => {
    for (const stage of stages) {
      expect(stage.image.name).toBe('node');
      expect(stage.image.tag ?? stage.image.digest).toBeTruthy();
      expect(stage.image.tag).not.toBe('latest');
      const major = Number(/^(\d+)/.exec(stage.image.tag ?? '')?.[1]);
      expect(major % 2).toBe(0);
      expect(major).toBeGreaterThanOrEqual(20);
    }
    expect(new Set(stages.map((s) => `${s.image.name}:${s.image.tag}`)).size).toBe(1);
  });

  it('HEALTHCHECK runs node (no curl in slim images) against /ping', () => {
    const check = last(runtime, 'HEALTHCHECK') as Instruction;
    expect(check).toBeDefined();
    const command = /\bCMD\s+(\[[\s\S]*\])\s*$/.exec(check.getArgumentsContent() ?? '')?.[1];
    const argv = JSON.parse(command ?? 'null') as string[];
    expect(argv.slice(0, 2)).toEqual(['node', '-e']);
    expect(argv[2]).toContain('/ping');
  });

  it('the probe gives up by itself before HEALTHCHECK --timeout: its request\'s AbortSignal and a timer that ends the process', () => {
    // Docker kills a probe at --timeout; podman 4.3 ignored it and waited ~300 s per probe on a frozen server.
    const flags = healthcheckFlags();
    expect(Object.keys(flags).sort()).toEqual(['interval', 'retries', 'start-period', 'timeout']);
    const timeoutMs = durationMs(flags.timeout as string);
    const script = healthcheckArgv()[2] as string;
    const signal = Number(/AbortSignal\.timeout\((\d+)\)/.exec(script)?.[1]);
    const timer = Number(/setTimeout\(\(\)=>process\.exit\(1\),(\d+)\)/.exec(script)?.[1]);
    expect(signal).toBe(probeTimeoutMs());
    expect(timer).toBe(probeTimeoutMs());
    // Room under --timeout for node's own start.
    expect(probeTimeoutMs()).toBeLessThanOrEqual(timeoutMs - 1000);
    expect(durationMs(flags.interval as string)).toBeGreaterThan(timeoutMs);
  });

  it('a /ping that answers an error status fails the probe', async () => {
    const failing = createHttpServer((_request, response) => {
      response.writeHead(503).end('down');
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const { port } = failing.address() as AddressInfo;
    try {
      expect(await exitCode(healthcheckArgv(), port)).toBe(1);
    } finally {
      await new Promise((resolve) => failing.close(resolve));
    }
  });

  it('the HEALTHCHECK command succeeds against Probot\'s server, and fails when nothing answers', async () => {
    const check = last(runtime, 'HEALTHCHECK') as Instruction;
    const argv = JSON.parse(/\bCMD\s+(\[[\s\S]*\])\s*$/.exec(check.getArgumentsContent() ?? '')?.[1] ?? '[]') as string[];
    const port = await freePort();
    const privateKey = testPrivateKey();
    const log = pino({ level: 'silent' });
    const server = new Server({ host: '127.0.0.1', port, log, Probot: Probot.defaults({ appId: 1, privateKey, secret: 's', log }) });
    await server.load(groupSteward);
    await server.start();
    try {
      expect(await exitCode(argv, port)).toBe(0);
    } finally {
      await server.stop();
    }
    expect(await exitCode(argv, port)).toBe(1);
  });

  it('against a frozen server (it accepts the connection and never answers) the probe exits 1 by itself, before --timeout would kill it', async () => {
    const { outcome, connections } = await frozenProbe;
    expect(outcome).toEqual({ code: 1, killed: false });
    expect(connections).toBeGreaterThan(0);
  });
});

describe('docs/container.md', () => {
  const doc = read('docs/container.md');

  it('documents the image\'s commands — docker, and podman with --format docker —, its port and the start command package.json has', () => {
    const port = env(runtime).PORT as string;
    expect(doc).toContain('docker build -t group-steward .');
    // Podman's default OCI format has no HEALTHCHECK: it keeps it only with --format docker.
    expect(doc).toContain('podman build --format docker -t group-steward .');
    expect(doc).toContain(`docker run --env-file .env -p ${port}:${port} group-steward`);
    expect(doc).toContain(`\`${pkg.scripts.start}\``);
  });

  it('names the health check\'s timings as the Dockerfile sets them, and every variable of .env.example', () => {
    const flags = healthcheckFlags();
    for (const flag of ['interval', 'timeout', 'start-period', 'retries']) expect(doc).toContain(`--${flag}=${flags[flag]}`);
    expect(doc).toContain(`${probeTimeoutMs() / 1000} s`);
    const variables = [...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] as string);
    expect(variables.length).toBeGreaterThan(5);
    for (const name of new Set(variables)) expect({ name, documented: doc.includes(`\`${name}\``) }).toEqual({ name, documented: true });
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, dependencies, build output and git out of the build context', () => {
    for (const path of ['.env', '.env.local', 'node_modules/probot/package.json', '.git/HEAD', 'dist/src/index.js', 'group-steward.private-key.pem', 'src/.env', 'src/node_modules/x.js', 'coverage/lcov.info', 'test/server.test.ts']) {
      expect({ path, inContext: inContext(path) }).toEqual({ path, inContext: false });
    }
  });
});

// ---- `--omit=dev` is safe: src/ imports runtime dependencies only ----

function sourceFiles(dir: string): string[] {
  return readdirSync(posix.join(ROOT, dir)).flatMap((name) => {
    const path = posix.join(dir, name);
    if (statSync(posix.join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}
/** The package a bare specifier loads (`@scope/name/sub` → `@scope/name`); null for builtins and relative paths. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] as string)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

describe('src/ imports only production dependencies', () => {
  // Every import, export … from, import() and require of src/**/*.ts (type-only imports too: strict).
  const imports = sourceFiles('src').flatMap((file) =>
    typescript().preProcessFile(read(file), true, true).importedFiles.map((f) => ({ file, specifier: f.fileName, pkg: packageOf(f.fileName) })),
  );

  it('reads the imports of every source file', () => {
    expect(imports.filter((i) => i.pkg === 'probot').length).toBeGreaterThan(0);
  });

  it('no file in src/ imports a package listed only in devDependencies', () => {
    const devOnly = imports.filter((i) => i.pkg !== null && i.pkg in pkg.devDependencies && !(i.pkg in pkg.dependencies));
    expect(devOnly.map((i) => `${i.file}: ${i.specifier}`)).toEqual([]);
  });

  it('every package src/ imports is a declared dependency (none reached only through another package)', () => {
    const undeclared = imports.filter((i) => i.pkg !== null && !(i.pkg in pkg.dependencies));
    expect(undeclared.map((i) => `${i.file}: ${i.specifier}`)).toEqual([]);
  });
});

/** The HEALTHCHECK's flags (`--timeout=5s` → `{ timeout: '5s' }`). */
function healthcheckFlags(): Record<string, string> {
  const check = last(runtime, 'HEALTHCHECK') as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] };
  return Object.fromEntries(check.getFlags().map((f) => [f.getName(), f.getValue() ?? '']));
}

/** The HEALTHCHECK's command, exec form. */
function healthcheckArgv(): string[] {
  const check = last(runtime, 'HEALTHCHECK') as Instruction;
  return JSON.parse(/\bCMD\s+(\[[\s\S]*\])\s*$/.exec(check.getArgumentsContent() ?? '')?.[1] ?? '[]') as string[];
}

/** How long the probe waits for /ping before it gives up by itself, in ms (its AbortSignal's timeout). */
function probeTimeoutMs(): number {
  return Number(/AbortSignal\.timeout\((\d+)\)/.exec(healthcheckArgv()[2] ?? '')?.[1]);
}

/** A Dockerfile duration (`30s`, `1m30s`, `500ms`) in ms. */
function durationMs(value: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  expect(parts.map((p) => p[0]).join('')).toBe(value);
  return parts.reduce((sum, p) => sum + Number(p[1]) * (units[p[2] as string] as number), 0);
}

/** Runs the probe as the engine would, killed at `killAfterMs` as Docker kills it at --timeout. */
function runProbe([command, ...rest]: string[], port: number, killAfterMs: number): Promise<{ code: number | null; killed: boolean }> {
  return new Promise((resolve) => {
    const child = execFile(command as string, rest, { env: { ...process.env, NODE_OPTIONS: '', PORT: String(port) }, timeout: killAfterMs }, () => {
      resolve({ code: child.exitCode, killed: child.killed });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function exitCode([command, ...rest]: string[], port: number): Promise<number> {
  return new Promise((resolve) => {
    execFile(command as string, rest, { env: { ...process.env, NODE_OPTIONS: '', PORT: String(port) }, timeout: 10_000 }, (error) => {
      resolve(error ? ((error as { code?: number }).code ?? -1) : 0);
    });
  });
}
