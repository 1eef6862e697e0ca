#!/usr/bin/env node
// orchgen benchmark suite: `npm run bench` (add `-- --quick` for a short smoke run).
// Writes bench/report.md and bench/report.json. Every measurement spawns the CLI as its own
// process; wall time is measured here, peak memory (max RSS) by /usr/bin/time.
// Nothing the bench writes is deleted before the whole run has finished: on ext4 without a journal
// the inode allocator skips inodes freed in the last minutes, so files created soon after many
// deletes cost ~15x more each, and that cost would land on whichever run came next.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileManifest } from './floors/file-manifest.mjs';
import { generateProcfile, generateSpec } from './gen-spec.mjs';
import { monitorBench, monitorSection, monitorTargets } from './monitor.mjs';
import { profileTop } from './profile.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const CLI = join(ROOT, 'dist', 'cli', 'bin.cjs');
const PM2_BIN = join(ROOT, 'node_modules', '.bin', 'pm2');
const SERVER = join(BENCH, 'fixtures', 'server.py');
const FLOOR_YAML = join(BENCH, 'floors', 'yaml-parse.mjs');
const FLOOR_FILES = join(BENCH, 'floors', 'write-files.mjs');
const SPEC_LOAD = join(BENCH, 'floors', 'spec-load.mjs');
/** A commit to measure beside this checkout (`BENCH_BASELINE=main`): its CLI builds the same specs, for a before/after. */
const BASELINE = process.env.BENCH_BASELINE ?? '';
/** Sizes whose spec is also loaded alone (fast and exact) and built by the baseline. */
const COMPARED = new Set([1000, 10000]);
const QUICK = process.argv.includes('--quick');
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean)); // compile,cold,foreman,up,order,monitor,profile
const TMP = mkdtempSync(join(os.tmpdir(), 'orchgen-bench-'));
const TIME = '/usr/bin/time';
const started = Date.now();

const log = (...a) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s]`, ...a);

// ---------------------------------------------------------------------------------------------
// helpers

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: opts.timeout ?? 120_000, ...opts });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}
const has = (cmd) => sh('sh', ['-c', `command -v ${cmd}`]).code === 0;
const firstLine = (s) => (s ?? '').trim().split('\n')[0] ?? '';

function canApt() {
  return has('apt-get') && process.getuid?.() === 0;
}
function aptInstall(pkg) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = sh('apt-get', ['install', '-y', '-q', pkg], { env, timeout: 300_000 });
  if (r.code !== 0) {
    sh('apt-get', ['update', '-q'], { env, timeout: 300_000 });
    r = sh('apt-get', ['install', '-y', '-q', pkg], { env, timeout: 300_000 });
  }
  return r.code === 0;
}

let haveTime = existsSync(TIME);
if (!haveTime && canApt()) {
  log('/usr/bin/time missing: apt-get install time');
  haveTime = aptInstall('time') && existsSync(TIME);
}
if (!haveTime) log('/usr/bin/time unavailable: peak memory is not reported');

/** Runs one process; returns wall ms (measured here), peak RSS in MB (/usr/bin/time %M), exit code. */
function measure(cmd, args, { env, cwd, stdout } = {}) {
  const memFile = join(TMP, `time-${process.pid}.txt`);
  const errFile = join(TMP, 'last-stderr.txt');
  const err = openSync(errFile, 'w');
  const out = stdout ? openSync(stdout, 'w') : 'ignore';
  const [c, a] = haveTime ? [TIME, ['-f', '%e %M', '-o', memFile, cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c, a, { stdio: ['ignore', out, err], env: env ?? process.env, cwd, timeout: 600_000 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  closeSync(err);
  if (typeof out === 'number') closeSync(out);
  let peakMB = null;
  if (haveTime && existsSync(memFile)) {
    const last = readFileSync(memFile, 'utf8').trim().split('\n').pop() ?? '';
    const kb = Number(last.split(' ')[1]);
    if (Number.isFinite(kb)) peakMB = kb / 1024;
  }
  const code = r.status ?? -1;
  const tail = code === 0 ? '' : readFileSync(errFile, 'utf8').split('\n').filter((l) => !/warning\[/.test(l)).slice(-3).join(' | ');
  return { wallMs, peakMB, code, tail };
}

function quantile(sorted, q) {
  if (!sorted.length) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
function stats(values) {
  const v = values.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return { n: v.length, median: quantile(v, 0.5), min: v[0], max: v[v.length - 1], p10: quantile(v, 0.1), p90: quantile(v, 0.9), p95: quantile(v, 0.95) };
}

/** Several runs of one command line; each run may prepare itself (fresh out dir). */
function series(label, runs, make) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const { cmd, args, env } = make(i);
    const r = measure(cmd, args, { env });
    samples.push(r);
    if (r.code !== 0) {
      log(`  ${label}: exit ${r.code} ${r.tail}`);
      break;
    }
  }
  return summarize(label, samples);
}
function summarize(label, samples) {
  const ok = samples.filter((s) => s.code === 0);
  return {
    label,
    runs: ok.length,
    failed: samples.length - ok.length,
    error: samples.find((s) => s.code !== 0)?.tail,
    wallMs: stats(ok.map((s) => s.wallMs)),
    peakMB: stats(ok.map((s) => s.peakMB)),
  };
}

const fmtS = (ms) => (ms === null || ms === undefined ? 'n/a' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtMB = (mb) => (mb === null || mb === undefined ? 'n/a' : `${Math.round(mb)} MB`);
const fmtX = (x) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(2)}×`);
const spread = (s, f) => (s ? `${f(s.min)}–${f(s.max)}` : 'n/a');
const median = (r) => r?.wallMs?.median ?? null;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// machine and versions

function machine() {
  const cpus = os.cpus();
  const osRelease = existsSync('/etc/os-release') ? (readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m)?.[1] ?? '') : '';
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${osRelease || os.type()} (${os.platform()} ${os.release()} ${os.arch()})`,
    loadAvgAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

function versions() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const git = sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).stdout.trim();
  const dirty = sh('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no', 'src']).stdout.trim() ? ' + local changes in src/' : '';
  const v = (cmd, args) => (has(cmd) ? firstLine(sh(cmd, args).stdout || sh(cmd, args).stderr) : null);
  let pm2 = null;
  try { pm2 = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'pm2', 'package.json'), 'utf8')).version; } catch {}
  return {
    node: process.version,
    orchgen: `${pkg.version} (${git || 'no git'}${dirty})`,
    python3: v('python3', ['--version']),
    supervisord: v('supervisord', ['--version']),
    pm2,
    docker: has('docker') ? firstLine(sh('docker', ['version', '--format', 'client {{.Client.Version}}, engine {{.Server.Version}}']).stdout) || null : null,
    'docker-compose': v('docker-compose', ['version', '--short']),
    'docker compose': has('docker') ? firstLine(sh('docker', ['compose', 'version', '--short']).stdout) || null : null,
    foreman: null,
  };
}

// ---------------------------------------------------------------------------------------------
// 1. compile scaling

/**
 * Milliseconds per file to create small files in a new folder, in this process. About 0.05 ms when
 * the filesystem is healthy; far more while ext4 skips inodes freed in the last minutes (by this
 * machine's other users or an earlier bench), which every build and the files floor pay too.
 */
function fileCreationProbe(name, count = 500) {
  const dir = join(TMP, `probe-${name}`);
  mkdirSync(dir);
  const body = 'x'.repeat(1024);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `f${i}`), body);
  return Number(process.hrtime.bigint() - t0) / 1e6 / count;
}

/**
 * What no build of this spec goes below, each in a fresh node process: parsing the spec with the
 * project's own `yaml` package, and creating as many files of the same sizes as `buildOut` holds.
 */
function compileFloors(n, spec, buildOut, runs) {
  const yamlParse = series(`yaml parse ${n}`, runs, () => ({ cmd: process.execPath, args: [FLOOR_YAML, spec] }));
  if (!existsSync(buildOut)) return { yamlParse };
  const { files, dirs, bytes } = fileManifest(buildOut);
  const manifest = join(TMP, `manifest-${n}.json`);
  writeFileSync(manifest, JSON.stringify({ dirs, files }));
  const writeFiles = series(`write files ${n}`, runs, (i) => ({ cmd: process.execPath, args: [FLOOR_FILES, manifest, join(TMP, `floor-files-${n}-${i}`)] }));
  return { yamlParse, writeFiles: { ...writeFiles, files: files.length, bytes } };
}

/**
 * The baseline commit checked out and built beside this one (its own dist/, this checkout's
 * node_modules), or undefined when none was asked for or it does not build.
 */
function prepareBaseline() {
  if (!BASELINE) return undefined;
  const dir = join(TMP, 'baseline');
  const commit = sh('git', ['-C', ROOT, 'rev-parse', '--short', BASELINE]).stdout.trim();
  log(`baseline: ${BASELINE} (${commit}) into ${dir}`);
  if (sh('git', ['-C', ROOT, 'worktree', 'add', '--detach', dir, commit]).code !== 0) return undefined;
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const built = sh(process.execPath, ['scripts/build.mjs'], { cwd: dir, timeout: 600_000 });
  if (built.code !== 0 || !existsSync(join(dir, 'dist', 'cli', 'bin.cjs'))) {
    log(`baseline: build failed: ${firstLine(built.stderr || built.stdout)}`);
    return undefined;
  }
  return { ref: BASELINE, commit, cli: join(dir, 'dist', 'cli', 'bin.cjs') };
}

function removeBaseline() {
  if (BASELINE) sh('git', ['-C', ROOT, 'worktree', 'remove', '--force', join(TMP, 'baseline')]);
}

/** Parse only (the spec loader, fast and exact) and the baseline's build, for the sizes compared before/after. */
function compared(n, spec, baseline, runs) {
  if (!COMPARED.has(n)) return {};
  const parse = {
    fast: series(`spec loader ${n}`, runs, () => ({ cmd: process.execPath, args: [SPEC_LOAD, spec, 'fast'] })),
    exact: series(`spec loader, yaml only ${n}`, runs, () => ({ cmd: process.execPath, args: [SPEC_LOAD, spec, 'exact'] })),
  };
  if (!baseline) return { parse };
  const baselineBuild = series(`baseline build ${n}`, runs, (i) => ({ cmd: process.execPath, args: [baseline.cli, 'build', '-f', spec, '-o', join(TMP, `baseline-out-${n}-${i}`)] }));
  return { parse, baselineBuild };
}

function compileBench(report) {
  const sizes = QUICK ? [10, 100] : [10, 100, 1000, 10000];
  const baseline = prepareBaseline();
  const runsFor = (n) => (QUICK ? 2 : n >= 10000 ? 2 : n >= 1000 ? 3 : 5);
  const rows = [];
  log('compile: node -e 0');
  const node = series('node -e 0', QUICK ? 2 : 5, () => ({ cmd: process.execPath, args: ['-e', '0'] }));
  for (const n of sizes) {
    const spec = join(TMP, `spec-${n}`, 'orchgen.yaml');
    mkdirSync(dirname(spec), { recursive: true });
    writeFileSync(spec, generateSpec(n));
    const bytes = readFileSync(spec).length;
    const probeMsPerFile = fileCreationProbe(`compile-${n}`);
    log(`compile: ${n} services (${(bytes / 1024).toFixed(0)} KiB spec); file creation ${probeMsPerFile.toFixed(3)} ms/file`);
    const validate = series(`validate ${n}`, runsFor(n), () => ({ cmd: process.execPath, args: [CLI, 'validate', '-f', spec] }));
    const build = series(`build ${n}`, runsFor(n), (i) => ({ cmd: process.execPath, args: [CLI, 'build', '-f', spec, '-o', join(TMP, `out-${n}-${i}`)] }));
    const floors = compileFloors(n, spec, join(TMP, `out-${n}-0`), runsFor(n));
    rows.push({ services: n, specBytes: bytes, probeMsPerFile, validate, build, floors, ...compared(n, spec, baseline, runsFor(n)) });
  }
  const scaling = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    scaling.push({
      from: a.services,
      to: b.services,
      validate: median(a.validate) && median(b.validate) ? median(b.validate) / median(a.validate) : null,
      build: median(a.build) && median(b.build) ? median(b.build) / median(a.build) : null,
    });
  }
  report.compile = { node, rows, scaling, ...(baseline ? { baseline: { ref: baseline.ref, commit: baseline.commit } } : {}) };
}

// ---------------------------------------------------------------------------------------------
// 2. cold start

function coldBench(report) {
  const spec = join(ROOT, 'examples', 'canvasbot', 'orchgen.yaml');
  const runs = QUICK ? 3 : 10;
  log(`cold start: node -e 0, validate and build of canvasbot, ${runs} runs each, interleaved`);
  const samples = { node: [], validate: [], build: [] };
  for (let i = 0; i < runs; i++) {
    samples.node.push(measure(process.execPath, ['-e', '0']));
    samples.validate.push(measure(process.execPath, [CLI, 'validate', '-f', spec]));
    samples.build.push(measure(process.execPath, [CLI, 'build', '-f', spec, '-o', join(TMP, `cold-${i}`)]));
  }
  const node = summarize('node -e 0', samples.node);
  const validate = summarize('orchgen validate', samples.validate);
  const build = summarize('orchgen build', samples.build);
  report.cold = {
    spec: 'examples/canvasbot/orchgen.yaml',
    node,
    validate,
    build,
    validateRatio: median(validate) / median(node),
    buildRatio: median(build) / median(node),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. against foreman

function ensureForeman() {
  if (has('foreman')) return { ok: true };
  if (!canApt()) return { ok: false, why: 'foreman is missing and apt-get is not available (or not root)' };
  log('foreman missing: apt-get install -y ruby-foreman');
  if (aptInstall('ruby-foreman') && has('foreman')) return { ok: true, installed: true };
  return { ok: false, why: 'apt-get install ruby-foreman failed' };
}

function foremanBench(report) {
  const f = ensureForeman();
  if (!f.ok) {
    log(`foreman: skipped (${f.why})`);
    report.foreman = { skipped: f.why };
    return;
  }
  report.versions.foreman = firstLine(sh('foreman', ['version']).stdout) || 'unknown';
  const sizes = QUICK ? [10, 100] : [10, 100, 1000, 10000];
  const runsFor = (n) => (QUICK ? 2 : n >= 10000 ? 1 : n >= 1000 ? 3 : 5);
  const rows = [];
  for (const n of sizes) {
    const dir = join(TMP, `foreman-${n}`);
    mkdirSync(dir, { recursive: true });
    const procfile = join(dir, 'Procfile');
    writeFileSync(procfile, generateProcfile(n));
    const spec = join(dir, 'orchgen.yaml');
    const imp = sh(process.execPath, [CLI, 'import', 'procfile', procfile, '-o', spec]);
    if (imp.code !== 0) {
      rows.push({ processes: n, error: `orchgen import procfile failed: ${firstLine(imp.stderr)}` });
      continue;
    }
    log(`foreman: ${n} processes, ${runsFor(n)} alternating runs`);
    const fm = [];
    const og = [];
    const runForeman = (i) => {
      const out = join(dir, `fm-${i}`);
      const a = measure('foreman', ['export', 'systemd', join(out, 'systemd'), '-f', procfile, '-a', 'app', '-d', dir]);
      const b = measure('foreman', ['export', 'supervisord', join(out, 'supervisord'), '-f', procfile, '-a', 'app', '-d', dir, '-l', join(out, 'log')]);
      const code = a.code || b.code;
      return { wallMs: a.wallMs + b.wallMs, peakMB: Math.max(a.peakMB ?? 0, b.peakMB ?? 0) || null, code, tail: a.tail || b.tail };
    };
    const runOrchgen = (i) => {
      return measure(process.execPath, [CLI, 'build', '-f', spec, '-t', 'systemd,supervisor', '-o', join(dir, `og-${i}`)]);
    };
    for (let i = 0; i < runsFor(n); i++) {
      if (i % 2 === 0) { fm.push(runForeman(i)); og.push(runOrchgen(i)); }
      else { og.push(runOrchgen(i)); fm.push(runForeman(i)); }
      if (fm.at(-1).code || og.at(-1).code) break;
    }
    const foreman = summarize(`foreman ${n}`, fm);
    const orchgen = summarize(`orchgen ${n}`, og);
    if (foreman.error) log(`  foreman failed: ${foreman.error}`);
    if (orchgen.error) log(`  orchgen failed: ${orchgen.error}`);
    rows.push({ processes: n, foreman, orchgen, ratio: median(orchgen) && median(foreman) ? median(orchgen) / median(foreman) : null });
    // 10,000 only when 1,000 was quick enough (both tools under 4 s there).
    if (n === 1000 && Math.max(median(foreman) ?? Infinity, median(orchgen) ?? Infinity) > 4000) {
      log('foreman: 10,000 left out (1,000 took over 4 s)');
      break;
    }
  }
  report.foreman = { installed: !!f.installed, rows };
}

// ---------------------------------------------------------------------------------------------
// 4. orchgen up against the real tools

// Four waves with known start delays (seconds). Critical path: db → api → worker → web.
const STACK = [
  { name: 'db', delay: 1.2 },
  { name: 'cache', delay: 0.3 },
  { name: 'api', delay: 0.8, dependsOn: ['db', 'cache'] },
  { name: 'queue', delay: 0.2, dependsOn: ['cache'] },
  { name: 'worker', delay: 0.5, dependsOn: ['api', 'queue'] },
  { name: 'web', delay: 0.4, dependsOn: ['worker'] },
];
function criticalPath(stack) {
  const by = new Map(stack.map((s) => [s.name, s]));
  const memo = new Map();
  const longest = (name) => {
    if (memo.has(name)) return memo.get(name);
    const s = by.get(name);
    const v = s.delay + Math.max(0, ...(s.dependsOn ?? []).map(longest));
    memo.set(name, v);
    return v;
  };
  return Math.max(...stack.map((s) => longest(s.name)));
}

/**
 * The bench stack as a spec. Every check has a 10 s start period checked every 100 ms
 * (`start_interval`), as a service that takes a while to start would; `startInterval: false` leaves
 * the start interval out, for Compose v1, which refuses the key.
 */
async function writeStack(dir, project, mode, python, stack = STACK, { startInterval = true } = {}) {
  const stamps = join(dir, 'stamps');
  mkdirSync(stamps, { recursive: true });
  const ports = {};
  for (const s of stack) ports[s.name] = await freePort();
  const lines = ['version: 1', `project: ${project}`, 'defaults:', '  restart: {policy: on-failure, delay: 1s}', '  stop: {timeout: 3s}', 'services:'];
  for (const s of stack) {
    lines.push(`  ${s.name}:`);
    if (mode === 'busybox') {
      const stamp = (kind) => `read up rest < /proc/uptime; echo "$up" >> ${stamps}/${s.name}.${kind}`;
      const steps = [stamp('start'), `sleep ${s.delay}`, 'mkdir -p /tmp/www', 'echo ok > /tmp/www/health', stamp('ready'), `exec httpd -f -p 127.0.0.1:${ports[s.name]} -h /tmp/www`];
      lines.push('    image: orchgen-test/busybox:1', `    command: ${JSON.stringify(['sh', '-c', steps.join('; ')])}`, `    volumes: [${JSON.stringify(`${stamps}:${stamps}`)}]`);
    } else {
      lines.push(`    command: ${JSON.stringify([python, SERVER, '--name', s.name, '--port', String(ports[s.name]), '--delay', String(s.delay), '--stamps', stamps])}`);
    }
    if (s.dependsOn?.length) lines.push(`    depends_on: ${JSON.stringify(s.dependsOn)}`);
    lines.push('    health:', `      http: http://127.0.0.1:${ports[s.name]}/health`, '      interval: 1s', '      timeout: 1s', '      retries: 3', '      start_period: 10s');
    if (startInterval) lines.push('      start_interval: 100ms');
  }
  lines.push('targets:');
  if (mode === 'busybox') lines.push('  compose: {network_mode: host}');
  else lines.push(`  supervisor: {log_dir: ${dir}/logs}`);
  const spec = join(dir, 'orchgen.yaml');
  writeFileSync(spec, `${lines.join('\n')}\n`);
  return { dir, spec, stamps, ports };
}

/** Ready stamps in epoch seconds; busybox stamps are /proc/uptime, converted with the host's offset. */
function readyStamp(stack, name, clock) {
  const file = join(stack.stamps, `${name}.ready`);
  if (!existsSync(file)) return null;
  const v = Number(readFileSync(file, 'utf8').split('\n').filter(Boolean)[0]);
  if (clock === 'uptime') {
    const up = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    return v + (Date.now() / 1000 - up);
  }
  return v;
}

/** Spawns `orchgen up --json`; records when each event line arrived. */
function runUp(stack, target, env) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, 'up', '-f', stack.spec, '-t', target, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const events = [];
    let buf = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGINT'), 120_000);
    child.stdout.on('data', (chunk) => {
      const now = Date.now();
      buf += chunk.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try { events.push({ ...JSON.parse(line), receivedAt: now }); } catch {}
      }
    });
    child.stderr.on('data', (c) => { stderr += c.toString(); });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, t0, exitAt: Date.now(), events, stderr });
    });
  });
}

function down(stack, target, env) {
  return sh(process.execPath, [CLI, 'down', '-f', stack.spec, '-t', target], { env, timeout: 180_000 });
}

async function upTarget(target, runs, cp, python, { stack: services = STACK, env: extraEnv = {}, label = `orchgen up -t ${target}`, tag = '', startInterval = true } = {}) {
  const samples = [];
  const lags = [];
  let pm2Home = null;
  let env = { ...process.env, NO_COLOR: '1', ...extraEnv };
  if (target === 'pm2') {
    pm2Home = mkdtempSync(join(TMP, 'pm2-'));
    env = { ...env, PM2_HOME: pm2Home, PM2_DISCRETE_MODE: 'true' };
    for (const k of ['pm_id', 'name', 'PM2_USAGE', 'PM2_PROGRAMMATIC', 'PM2_JSON_PROCESSING']) delete env[k];
  }
  const clock = target === 'compose' ? 'uptime' : 'epoch';
  try {
    for (let i = 0; i < runs; i++) {
      const dir = join(TMP, `up-${target}${tag}-${i}`);
      const project = `obench${target.slice(0, 3)}${tag}${process.pid % 10000}r${i}`;
      const stack = await writeStack(dir, project, target === 'compose' ? 'busybox' : 'python', python, services, { startInterval });
      let r;
      try {
        r = await runUp(stack, target, env);
      } finally {
        const d = down(stack, target, env);
        if (d.code !== 0) log(`  ${target}: down exited ${d.code}: ${firstLine(d.stderr || d.stdout)}`);
      }
      const healthy = r.events.filter((e) => e.type === 'event' && e.phase === 'healthy');
      const ok = r.code === 0 && healthy.length === services.length;
      if (!ok) {
        const why = r.stderr.split('\n').filter((l) => l && !/warning\[/.test(l)).slice(-2).join(' | ');
        log(`  ${target} run ${i + 1}: exit ${r.code}, ${healthy.length}/${services.length} healthy ${why}`);
        samples.push({ code: r.code || 1, wallMs: null, tail: why || `exit ${r.code}` });
        break;
      }
      const allHealthyMs = Math.max(...healthy.map((e) => e.receivedAt)) - r.t0;
      const lastElapsed = Math.max(...healthy.map((e) => e.elapsedMs));
      for (const e of healthy) {
        const ready = readyStamp(stack, e.service, clock);
        if (ready !== null) lags.push(e.receivedAt - ready * 1000);
      }
      const firstMs = Math.min(...r.events.map((e) => e.receivedAt)) - r.t0;
      samples.push({ code: 0, wallMs: allHealthyMs, exitMs: r.exitAt - r.t0, elapsedMs: lastElapsed, firstMs });
      log(`  ${label} run ${i + 1}: all healthy after ${fmtS(allHealthyMs)} (critical path ${cp.toFixed(1)} s)`);
    }
  } finally {
    if (pm2Home) sh(PM2_BIN, ['kill'], { env, timeout: 60_000 });
  }
  const ok = samples.filter((s) => s.code === 0);
  return {
    target: label,
    runs: ok.length,
    failed: samples.length - ok.length,
    error: samples.find((s) => s.code !== 0)?.tail,
    wallMs: stats(ok.map((s) => s.wallMs)),
    exitMs: stats(ok.map((s) => s.exitMs)),
    firstEventMs: stats(ok.map((s) => s.firstMs)),
    upOwnElapsedMs: stats(ok.map((s) => s.elapsedMs)),
    lagMs: stats(lags),
  };
}

function dockerUsable() {
  if (!has('docker')) return 'docker is not installed';
  if (sh('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 20_000 }).code !== 0) return 'the Docker daemon does not answer';
  if (sh('docker', ['image', 'inspect', 'orchgen-test/busybox:1']).code !== 0) return 'image orchgen-test/busybox:1 is missing';
  return null;
}

/** The Compose file orchgen builds for the bench stack, in its own folder; or why there is none. */
async function builtComposeStack(name, i, startInterval) {
  const dir = join(TMP, `${name}-${i}`);
  const project = `${name}${process.pid % 10000}r${i}`;
  const stack = await writeStack(dir, project, 'busybox', undefined, STACK, { startInterval });
  const b = sh(process.execPath, [CLI, 'build', '-f', stack.spec, '-t', 'compose', '-o', join(dir, 'out')]);
  const file = join(dir, 'out', 'compose', 'compose.yaml');
  if (b.code !== 0 || !existsSync(file)) return { error: `build failed: ${firstLine(b.stderr)}` };
  return { stack, project, file };
}

/** When `docker inspect` saw each of the project's services healthy, polled every 50 ms. */
function healthyNow(project, healthyAt) {
  const ids = sh('docker', ['ps', '-a', '-q', '--filter', `label=com.docker.compose.project=${project}`]).stdout.split('\n').filter(Boolean);
  const inspect = ids.length ? sh('docker', ['inspect', '--format', '{{index .Config.Labels "com.docker.compose.service"}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}', ...ids]).stdout : '';
  const now = Date.now();
  for (const line of inspect.split('\n').filter(Boolean)) {
    const [svc, status] = line.split(' ');
    if (status === 'healthy' && !healthyAt[svc]) healthyAt[svc] = now;
  }
  return Object.keys(healthyAt).length === STACK.length;
}

/** Spawns a Compose command; resolves with its exit code and the last line of its stderr. */
function spawned(argv) {
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => { err += c.toString(); });
  const state = { code: null };
  const done = new Promise((r) => child.on('close', (code) => { state.code = code; r(); }));
  return { state, done, tail: () => err.trim().split('\n').slice(-1).join(' ') };
}

/**
 * Compose itself on the Compose file orchgen builds for the same stack: v1's `up -d` (which waits
 * for service_healthy between waves) to `docker inspect` showing every container healthy, or v2's
 * `up -d --wait` to its exit (it returns once every service is healthy, checked by inspect after).
 */
async function plainCompose(runs, cp, compose) {
  const wait = compose.wait ? ['--wait'] : [];
  const label = `${compose.argv.join(' ')} up -d${compose.wait ? ' --wait' : ' (+ docker inspect polling)'}`;
  const samples = [];
  const lags = [];
  for (let i = 0; i < runs; i++) {
    const built = await builtComposeStack(compose.wait ? 'dwait' : 'dbench', i, compose.version !== 'v1');
    if (built.error) { samples.push({ code: 1, tail: built.error }); break; }
    const { stack, project, file } = built;
    const args = [...compose.argv, '-p', project, '-f', file];
    const t0 = Date.now();
    let allHealthyAt = null;
    const healthyAt = {};
    try {
      const up = spawned([...args, 'up', '-d', ...wait]);
      const deadline = Date.now() + 90_000;
      while (!compose.wait && Date.now() < deadline && (up.state.code === null || up.state.code === 0)) {
        if (healthyNow(project, healthyAt)) { allHealthyAt = Date.now(); break; }
        await new Promise((r) => setTimeout(r, 50));
      }
      await up.done;
      const exitedAt = Date.now();
      if (up.state.code !== 0) { samples.push({ code: up.state.code || 1, tail: up.tail() }); break; }
      if (compose.wait) allHealthyAt = healthyNow(project, healthyAt) ? exitedAt : null;
    } finally {
      sh(compose.argv[0], [...args.slice(1), 'down', '-t', '3'], { timeout: 180_000 });
    }
    if (!allHealthyAt) { samples.push({ code: 1, tail: compose.wait ? 'up --wait exited 0 but not every container was healthy' : 'not all healthy within 90 s' }); break; }
    if (!compose.wait) {
      for (const [svc, at] of Object.entries(healthyAt)) {
        const ready = readyStamp(stack, svc, 'uptime');
        if (ready !== null) lags.push(at - ready * 1000);
      }
    }
    samples.push({ code: 0, wallMs: allHealthyAt - t0 });
    log(`  ${label} run ${i + 1}: all healthy after ${fmtS(allHealthyAt - t0)} (critical path ${cp.toFixed(1)} s)`);
  }
  const ok = samples.filter((s) => s.code === 0);
  return { target: label, runs: ok.length, failed: samples.length - ok.length, error: samples.find((s) => s.code !== 0)?.tail, wallMs: stats(ok.map((s) => s.wallMs)), lagMs: lags.length ? stats(lags) : null };
}

/** The Compose CLIs here: v2 (`docker compose`) and v1 (`docker-compose`), each where it answers. */
function composeClis() {
  const clis = [];
  if (sh('docker', ['compose', 'version']).code === 0) clis.push({ version: 'v2', argv: ['docker', 'compose'], wait: true });
  if (has('docker-compose')) clis.push({ version: 'v1', argv: ['docker-compose'], wait: false });
  return clis;
}

async function upBench(report) {
  const cp = criticalPath(STACK);
  const runs = QUICK ? 1 : 3;
  // The real interpreter, not the `python3` on PATH: that may be a shim script (pyenv: ~100 ms per start).
  const python = firstLine(sh('python3', ['-c', 'import sys; print(sys.executable)']).stdout);
  const rows = [];
  const skipped = [];
  log(`up: ${STACK.length} services in 4 waves, critical path ${cp.toFixed(1)} s, ${runs} runs per target`);
  if (!python) skipped.push('supervisor and pm2: python3 missing');
  else {
    if (has('supervisord')) rows.push(await upTarget('supervisor', runs, cp, python));
    else skipped.push('supervisor: supervisord not installed');
    if (existsSync(PM2_BIN)) rows.push(await upTarget('pm2', runs, cp, python));
    else skipped.push('pm2: node_modules/.bin/pm2 missing');
  }
  const noDocker = dockerUsable();
  if (noDocker) skipped.push(`compose and docker-compose: ${noDocker}`);
  else {
    const clis = composeClis();
    if (clis.length === 0) skipped.push('compose: neither `docker compose` nor `docker-compose` answers');
    for (const cli of clis) {
      rows.push(await upTarget('compose', runs, cp, python, { env: { ORCHGEN_COMPOSE: cli.version }, label: `orchgen up -t compose (Compose ${cli.version})`, tag: cli.version, startInterval: cli.version !== 'v1' }));
      rows.push(await plainCompose(runs, cp, cli));
    }
  }
  for (const s of skipped) log(`up: skipped ${s}`);
  report.up = { services: STACK, criticalPathMs: cp * 1000, boundMs: 1.1 * cp * 1000 + 500, python, rows, skipped };
}

// ---------------------------------------------------------------------------------------------
// 5. strict waves against dependency-driven start, on a stack whose waves are uneven

// Wave 1 holds a slow service beside a fast one; wave 2 a dependent of the fast one, wave 3 its dependent.
// Critical path: slow (2.0 s), with fast → next → last (1.8 s) beside it; strict waves wait 2.0 + 1.2 + 0.4 s.
const UNEVEN = [
  { name: 'slow', delay: 2.0 },
  { name: 'fast', delay: 0.2 },
  { name: 'next', delay: 1.2, dependsOn: ['fast'] },
  { name: 'last', delay: 0.4, dependsOn: ['next'] },
];

/** What strict waves wait: the slowest service of each wave, wave after wave. */
function strictWavesPath(stack) {
  const by = new Map(stack.map((s) => [s.name, s]));
  const depth = (name) => 1 + Math.max(0, ...(by.get(name).dependsOn ?? []).map(depth));
  const slowest = new Map();
  for (const s of stack) slowest.set(depth(s.name), Math.max(slowest.get(depth(s.name)) ?? 0, s.delay));
  return [...slowest.values()].reduce((a, b) => a + b, 0);
}

async function orderBench(report) {
  const cp = criticalPath(UNEVEN);
  const strict = strictWavesPath(UNEVEN);
  const runs = QUICK ? 1 : 5;
  const python = firstLine(sh('python3', ['-c', 'import sys; print(sys.executable)']).stdout);
  const rows = [];
  const skipped = [];
  log(`order: ${UNEVEN.length} services in uneven waves, critical path ${cp.toFixed(1)} s, strict waves ${strict.toFixed(1)} s, ${runs} runs per order`);
  const targets = [['supervisor', has('supervisord') ? null : 'supervisord not installed'], ['pm2', existsSync(PM2_BIN) ? null : 'node_modules/.bin/pm2 missing']];
  for (const [target, missing] of targets) {
    if (!python || missing) { skipped.push(`${target}: ${missing ?? 'python3 missing'}`); continue; }
    rows.push(await upTarget(target, runs, cp, python, { stack: UNEVEN, env: { ORCHGEN_UP_ORDER: 'waves' }, label: `orchgen up -t ${target}, strict waves (ORCHGEN_UP_ORDER=waves)`, tag: 'w' }));
    rows.push(await upTarget(target, runs, cp, python, { stack: UNEVEN, label: `orchgen up -t ${target}, dependency-driven`, tag: 'd' }));
  }
  const noDocker = dockerUsable();
  const v2 = noDocker ? null : composeClis().find((cli) => cli.version === 'v2');
  if (!v2) skipped.push(`compose: ${noDocker ?? '`docker compose` (v2) does not answer'}`);
  else {
    const env = { ORCHGEN_COMPOSE: 'v2' };
    rows.push(await upTarget('compose', runs, cp, python, { stack: UNEVEN, env: { ...env, ORCHGEN_UP_ORDER: 'waves' }, label: 'orchgen up -t compose (Compose v2), strict waves (ORCHGEN_UP_ORDER=waves)', tag: 'w' }));
    rows.push(await upTarget('compose', runs, cp, python, { stack: UNEVEN, env, label: 'orchgen up -t compose (Compose v2), dependency-driven', tag: 'd' }));
  }
  for (const s of skipped) log(`order: skipped ${s}`);
  report.order = { services: UNEVEN, criticalPathMs: cp * 1000, strictWavesMs: strict * 1000, boundMs: 1.1 * cp * 1000 + 500, rows, skipped };
}

function orderSection(L, o) {
  L.push(`## 5. Strict waves against dependency-driven start: ${o.services.length} servers in uneven waves, critical path ${fmtS(o.criticalPathMs)}, strict waves ${fmtS(o.strictWavesMs)}`, '');
  L.push(`Services (start delay, dependencies): ${o.services.map((s) => `${s.name} ${s.delay}s${s.dependsOn ? ` ← ${s.dependsOn.join(', ')}` : ''}`).join('; ')}.`, '');
  L.push('| how | runs | all healthy, median (spread) | ÷ critical path | detection lag p50 / p95 |', '| --- | ---: | ---: | ---: | ---: |');
  for (const r of o.rows) {
    const med = r.wallMs?.median;
    L.push(`| ${r.target} | ${r.runs}${r.failed ? ` (+${r.failed} failed: ${r.error})` : ''} | ${fmtS(med)} (${spread(r.wallMs, fmtS)}) | ${med ? fmtX(med / o.criticalPathMs) : 'n/a'} | ${r.lagMs ? `${fmtS(r.lagMs.median)} / ${fmtS(r.lagMs.p95)}` : 'n/a'} |`);
  }
  for (const s of o.skipped) L.push('', `Skipped: ${s}.`);
  L.push('');
}

// ---------------------------------------------------------------------------------------------
// profile

function profileBench(report, size, refusedBefore) {
  const n = size ?? (QUICK ? 100 : Number(process.env.BENCH_PROFILE_N ?? 10000));
  log(`profile: node --cpu-prof, build of ${n} services`);
  const dir = join(TMP, `prof-${n}`);
  mkdirSync(dir, { recursive: true });
  const spec = join(dir, 'orchgen.yaml');
  writeFileSync(spec, generateSpec(n));
  const r = sh(process.execPath, ['--cpu-prof', '--cpu-prof-dir', join(dir, 'cpu'), CLI, 'build', '-f', spec, '-o', join(dir, 'out')], { timeout: 600_000, maxBuffer: 512 * 1024 * 1024 });
  const files = existsSync(join(dir, 'cpu')) ? readdirSync(join(dir, 'cpu')).filter((f) => f.endsWith('.cpuprofile')).map((f) => readFileSync(join(dir, 'cpu', f), 'utf8')) : [];
  if (r.code !== 0 || !files.length) {
    const why = r.stderr.split('\n').filter((l) => /error\[/.test(l)).slice(0, 1).join(' ') || `exit ${r.code}`;
    log(`profile: build of ${n} services failed (${why})`);
    const refused = { services: n, error: why };
    if (n > 1000) return profileBench(report, 1000, refused);
    report.profile = refused;
    return;
  }
  report.profile = { services: n, ...(refusedBefore ? { refused: refusedBefore } : {}), ...profileTop(JSON.parse(files[0]), ROOT, 5) };
}

// ---------------------------------------------------------------------------------------------
// report

function targets(report) {
  const t = [];
  const add = (goal, value, met) => t.push({ goal, value, met: met === null ? 'not measured' : met ? 'met' : 'NOT met' });
  const row = (n) => report.compile?.rows.find((r) => r.services === n);
  const r1k = row(1000);
  add('build, 1,000 services, all targets < 0.5 s', r1k ? fmtS(median(r1k.build)) : 'n/a', r1k && median(r1k.build) !== null ? median(r1k.build) < 500 : null);
  const r10k = row(10000);
  add('build, 10,000 services < 4 s', r10k ? (median(r10k.build) !== null ? fmtS(median(r10k.build)) : `failed: ${r10k.build.error}`) : 'n/a', r10k && median(r10k.build) !== null ? median(r10k.build) < 4000 : null);
  const mem = r10k?.build?.peakMB?.max ?? null;
  add('build, 10,000 services, peak memory < 250 MB', fmtMB(mem), mem !== null ? mem < 250 : null);
  for (const s of report.compile?.scaling ?? []) {
    add(`build scaling ${s.from}→${s.to} ≤ 10×`, fmtX(s.build), s.build !== null ? s.build <= 10 : null);
  }
  const c = report.cold;
  add('cold validate ≤ 1.5× node -e 0', c ? fmtX(c.validateRatio) : 'n/a', c && Number.isFinite(c.validateRatio) ? c.validateRatio <= 1.5 : null);
  const f = report.foreman?.rows ?? [];
  for (const r of f) add(`orchgen ≤ 0.5× foreman, ${r.processes} processes`, fmtX(r.ratio), r.ratio != null ? r.ratio <= 0.5 : null);
  if (report.foreman?.skipped) add('orchgen ≤ 0.5× foreman', `skipped: ${report.foreman.skipped}`, null);
  for (const r of report.up?.rows ?? []) {
    if (!r.target.startsWith('orchgen')) continue;
    const m = r.wallMs?.median ?? null;
    add(`${r.target}: ≤ 1.1 × critical path + 0.5 s (${fmtS(report.up.boundMs)})`, fmtS(m), m !== null ? m <= report.up.boundMs : null);
    add(`${r.target}: detection lag p95 < 100 ms`, fmtS(r.lagMs?.p95), r.lagMs ? r.lagMs.p95 < 100 : null);
  }
  for (const r of report.order?.rows ?? []) {
    if (!r.target.includes('dependency-driven')) continue;
    const m = r.wallMs?.median ?? null;
    add(`${r.target}, uneven waves: ≤ 1.1 × critical path + 0.5 s (${fmtS(report.order.boundMs)})`, fmtS(m), m !== null ? m <= report.order.boundMs : null);
  }
  monitorTargets(report.monitor, add, fmtS);
  return t;
}

function compileSection(L, c) {
  L.push('## 1. Compile (generated specs: containers and host processes, env, health checks, dependency waves)', '');
  L.push('Rows marked *floor* are not orchgen: each is a fresh `node` process doing only what no build of the same spec can skip. *yaml parse alone* parses the spec with the project\'s own `yaml` package and the spec loader\'s options (`parseDocument` + `toJS()`); *create the same files* writes as many files of the same sizes as that size\'s first orchgen build left in its output folder, into a new folder; `node -e 0` is the start-up every row pays. The goals compare the orchgen build median only.', '');
  L.push('| services | spec | command | runs | wall median | spread | peak RSS median | spread |', '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
  const row = (services, spec, name, s) => L.push(`| ${services} | ${spec} | ${name} | ${s.runs}${s.failed ? ` (+${s.failed} failed: ${s.error})` : ''} | ${fmtS(s.wallMs?.median)} | ${spread(s.wallMs, fmtS)} | ${fmtMB(s.peakMB?.median)} | ${spread(s.peakMB, fmtMB)} |`);
  if (c.node) row('–', '–', 'floor: `node -e 0`', c.node);
  for (const r of c.rows) {
    const services = r.services.toLocaleString('en');
    const spec = `${(r.specBytes / 1024).toFixed(0)} KiB`;
    row(services, spec, 'validate', r.validate);
    row(services, spec, 'build (all targets)', r.build);
    if (r.floors?.yamlParse) row(services, spec, 'floor: yaml parse alone', r.floors.yamlParse);
    const files = r.floors?.writeFiles;
    if (files) row(services, spec, `floor: create the same files (${files.files.toLocaleString('en')} files, ${(files.bytes / 1024).toFixed(0)} KiB)`, files);
  }
  comparedSection(L, c);
  L.push('', `Scaling per 10× (median time(10N) / time(N)): ${c.scaling.map((s) => `${s.from}→${s.to}: validate ${fmtX(s.validate)}, build ${fmtX(s.build)}`).join('; ')}.`, '');
  const probed = c.rows.filter((r) => r.probeMsPerFile !== undefined);
  if (probed.length) L.push(`File creation just before each size (500 files of 1 KiB, in the bench process; ~0.05 ms each unless the filesystem is skipping recently freed inodes): ${probed.map((r) => `${r.services.toLocaleString('en')}: ${r.probeMsPerFile.toFixed(3)} ms`).join('; ')}.`, '');
}

/** Before/after of the fast loader: parse only with each loader, and the build of this checkout against the baseline's. */
function comparedSection(L, c) {
  const rows = c.rows.filter((r) => r.parse);
  if (!rows.length) return;
  L.push('', '### Loading the spec: before and after', '');
  L.push('*Parse only* runs the spec loader alone (`bench/floors/spec-load.mjs`: `parseSpecText`, its checks and bounds, no validation): *yaml only* is how every spec was loaded before, with the `yaml` package (`parseDocument` with a `LineCounter`, the checks, `toJS`); *fast* is how `orchgen` loads a spec now, with js-yaml and its core schema, leaving a spec to the `yaml` package only where js-yaml might read it otherwise or there is a diagnostic to print. ' +
    (c.baseline ? `*Build before* is the CLI of \`${c.baseline.ref}\` (${c.baseline.commit}), built beside this checkout, on the same spec, in the same run.` : 'Set `BENCH_BASELINE=<commit>` to build the same specs with that commit\'s CLI as well.'), '');
  L.push('| services | spec | command | runs | wall median | spread | peak RSS median | spread |', '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const services = r.services.toLocaleString('en');
    const spec = `${(r.specBytes / 1024).toFixed(0)} KiB`;
    const row = (name, s) => L.push(`| ${services} | ${spec} | ${name} | ${s.runs}${s.failed ? ` (+${s.failed} failed: ${s.error})` : ''} | ${fmtS(s.wallMs?.median)} | ${spread(s.wallMs, fmtS)} | ${fmtMB(s.peakMB?.median)} | ${spread(s.peakMB, fmtMB)} |`);
    row('parse only, before: yaml only', r.parse.exact);
    row('parse only, after: fast', r.parse.fast);
    if (r.baselineBuild) row(`build (all targets), before: \`${c.baseline.ref}\``, r.baselineBuild);
    row('build (all targets), after: this checkout', r.build);
  }
}

function markdown(report) {
  const L = [];
  const m = report.machine;
  const v = report.versions;
  L.push('# orchgen benchmarks', '');
  L.push(`Run ${report.date}${QUICK ? ' (quick mode)' : ''}, ${(report.durationMs / 1000).toFixed(0)} s in all. Wall time is measured around each spawned process; memory is its peak RSS (\`/usr/bin/time %M\`). Spread: min–max.`, '');
  L.push('Files: everything the bench writes (build outputs included) stays, one folder per run, until the whole bench has finished; nothing is deleted before a measured run. This machine\'s rootfs is ext4 without a journal, whose inode allocator skips inodes freed in the last 60–300 s: right after many deletes a new file cost ~0.8 ms instead of ~0.05 ms, and when the bench still deleted each run\'s output the 1,609 files of a 1,000-service build took 1.2 s to create. Deletes by anything else on the machine in the minutes before still count: section 1 shows a file-creation probe.', '');
  L.push(`**Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}; load average ${m.loadAvgAtStart.join(' / ')} at start, ${m.loadAvgAtEnd.join(' / ')} at end.`, '');
  for (const m of report.merged ?? []) {
    // what changed since the run the report started from (orchgen's commit, an engine)
    const changed = Object.entries(m.versions ?? {}).filter(([k, x]) => k !== 'foreman' && x !== v[k]);
    L.push(`Sections re-run on ${m.date}: ${m.sections.join(', ')}${changed.length ? `, with ${changed.map(([k, x]) => `${k} ${x ?? 'n/a'}`).join('; ')}` : ''}.`, '');
  }
  L.push(`**Versions:** ${Object.entries(v).map(([k, x]) => `${k} ${x ?? 'n/a'}`).join('; ')}.`, '');

  if (report.compile) compileSection(L, report.compile);
  if (report.cold) {
    const c = report.cold;
    L.push(`## 2. Cold start (\`${c.spec}\`, 4 services, runs interleaved)`, '');
    L.push('| command | runs | wall median | spread | ratio to node -e 0 | peak RSS |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const [s, ratio] of [[c.node, 1], [c.validate, c.validateRatio], [c.build, c.buildRatio]]) {
      L.push(`| ${s.label} | ${s.runs} | ${fmtS(s.wallMs?.median)} | ${spread(s.wallMs, fmtS)} | ${fmtX(ratio)} | ${fmtMB(s.peakMB?.median)} |`);
    }
    L.push('');
  }
  if (report.foreman) {
    L.push('## 3. Against foreman (`foreman export systemd` + `export supervisord` vs `orchgen build -t systemd,supervisor`, alternating)', '');
    if (report.foreman.skipped) L.push(`Skipped: ${report.foreman.skipped}.`, '');
    else {
      L.push('| processes | runs | foreman median (spread) | orchgen median (spread) | orchgen / foreman | peak RSS foreman / orchgen |', '| ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const r of report.foreman.rows) {
        if (r.error) { L.push(`| ${r.processes} | – | ${r.error} | | | |`); continue; }
        L.push(`| ${r.processes.toLocaleString('en')} | ${Math.min(r.foreman.runs, r.orchgen.runs)} | ${fmtS(median(r.foreman))} (${spread(r.foreman.wallMs, fmtS)}) | ${fmtS(median(r.orchgen))} (${spread(r.orchgen.wallMs, fmtS)}) | ${fmtX(r.ratio)} | ${fmtMB(r.foreman.peakMB?.median)} / ${fmtMB(r.orchgen.peakMB?.median)} |`);
      }
      L.push('', 'The orchgen spec is `orchgen import procfile` of the same Procfile; foreman\'s time is the sum of its two exports.', '');
    }
  }
  if (report.up) {
    const u = report.up;
    L.push(`## 4. \`up\`: ${u.services.length} local HTTP servers in 4 waves, critical path ${fmtS(u.criticalPathMs)}, bound 1.1 × CP + 0.5 s = ${fmtS(u.boundMs)}`, '');
    L.push('| how | runs | all healthy, median (spread) | ÷ critical path | first event, median | process exit, median | detection lag p50 / p95 / max |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of u.rows) {
      if (r.skipped) { L.push(`| ${r.target} | – | skipped: ${r.skipped} | | | | |`); continue; }
      const med = r.wallMs?.median;
      L.push(`| ${r.target} | ${r.runs}${r.failed ? ` (+${r.failed} failed: ${r.error})` : ''} | ${fmtS(med)} (${spread(r.wallMs, fmtS)}) | ${med ? fmtX(med / u.criticalPathMs) : 'n/a'} | ${fmtS(r.firstEventMs?.median)} | ${fmtS(r.exitMs?.median)} | ${r.lagMs ? `${fmtS(r.lagMs.median)} / ${fmtS(r.lagMs.p95)} / ${fmtS(r.lagMs.max)}` : 'n/a'} |`);
    }
    for (const s of u.skipped) L.push('', `Skipped: ${s}.`);
    L.push('', 'All healthy: from spawning `orchgen up --json` to receiving its last `healthy` line (for `docker-compose up -d`, v1: to `docker inspect` showing every container healthy, polled every 50 ms; for `docker compose up -d --wait`, v2: to its exit, every container then checked healthy by `docker inspect`). `orchgen up -t compose` runs on the Compose CLI the row names (ORCHGEN_COMPOSE). First event: spawn to the first `starting` line (start-up, build, preflight). Lag: a server\'s own ready timestamp to its `healthy` line (or to that inspect).', '');
    L.push('Every check: interval 1 s, timeout 1 s, retries 3, `start_period` 10 s and `start_interval` 100 ms, which the Compose file carries as `healthcheck.start_interval` (Docker checks that often within the start period; Engine 25 or later). Compose v1 refuses that key: its rows run the same stack without it, so Docker checks them every interval from the start. supervisord and PM2 gates check every 0.25 s, and `orchgen up` probes every 50 ms, whatever the spec says.', '');
    if (u.python) L.push(`Servers for supervisor and pm2: \`bench/fixtures/server.py\` run by \`${u.python}\`, the interpreter resolved once through \`sys.executable\`, because the \`python3\` on PATH may be a shim script (pyenv\'s costs ~100 ms per start against ~13 ms). Each server is ready \`delay\` seconds after its process started: its own imports count towards the delay. The compose stacks run the same delays in busybox \`sh\`.`, '');
  }
  if (report.order) orderSection(L, report.order);
  if (report.monitor) monitorSection(L, report.monitor, { fmtS, fmtMB });
  if (report.profile) {
    const p = report.profile;
    L.push(`## Where the time goes (\`node --cpu-prof\`, build of ${p.services.toLocaleString('en')} services)`, '');
    if (p.refused) L.push(`(${p.refused.services.toLocaleString('en')} services refused: ${p.refused.error}.)`, '');
    if (p.error) L.push(p.error, '');
    else {
      L.push(`Profile ${fmtS(p.totalMs)}. Top functions by self time: ${p.functions.map((f) => `\`${f.name}\` (${f.where}) ${fmtS(f.ms)} ${f.pct}%`).join('; ')}.`, '');
      L.push(`By module: ${p.modules.map((f) => `${f.name} ${fmtS(f.ms)} ${f.pct}%`).join('; ')}.`, '');
    }
  }
  L.push('## Targets', '', '| goal | measured | |', '| --- | ---: | --- |');
  for (const t of report.targets) L.push(`| ${t.goal} | ${t.value} | ${t.met} |`);
  L.push('');
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(CLI)) {
    log('dist/cli/bin.cjs missing: npm run build');
    const b = sh('npm', ['run', 'build'], { cwd: ROOT, timeout: 300_000 });
    if (b.code !== 0) throw new Error(`npm run build failed: ${b.stderr}`);
  }
  // BENCH_MERGE=1: keep the sections of the previous report.json that BENCH_SKIP leaves out.
  const previous = process.env.BENCH_MERGE && existsSync(join(BENCH, 'report.json')) ? JSON.parse(readFileSync(join(BENCH, 'report.json'), 'utf8')) : null;
  const report = previous ?? { date: new Date().toISOString(), quick: QUICK, machine: machine(), versions: versions() };
  if (previous) report.merged = [...(previous.merged ?? []), { date: new Date().toISOString(), sections: ['compile', 'cold', 'foreman', 'up', 'order', 'monitor', 'profile'].filter((x) => !SKIP.has(x)), versions: versions() }];
  log(`machine: ${report.machine.cpu}, ${report.machine.cores} cores; temp ${TMP}`);
  try {
    if (!SKIP.has('compile')) compileBench(report);
    if (!SKIP.has('cold')) coldBench(report);
    if (!SKIP.has('foreman')) foremanBench(report);
    if (!SKIP.has('up')) await upBench(report);
    if (!SKIP.has('order')) await orderBench(report);
    if (!SKIP.has('monitor')) await monitorBench(report, { cli: CLI, python: firstLine(sh('python3', ['-c', 'import sys; print(sys.executable)']).stdout), server: SERVER, tmp: TMP, log, freePort, stats, fmtS, quick: QUICK });
    if (!SKIP.has('profile')) profileBench(report);
  } finally {
    removeBaseline();
    rmSync(TMP, { recursive: true, force: true });
  }
  if (!previous) {
    report.machine.loadAvgAtEnd = os.loadavg().map((x) => +x.toFixed(2));
    report.durationMs = Date.now() - started;
  }
  report.targets = targets(report);
  writeFileSync(join(BENCH, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(BENCH, 'report.md'), markdown(report));
  log('wrote bench/report.md and bench/report.json');
  for (const t of report.targets) log(`${t.met.padEnd(12)} ${t.goal}: ${t.value}`);
}

process.on('SIGINT', () => {
  removeBaseline();
  rmSync(TMP, { recursive: true, force: true });
  process.exit(130);
});
await main();
