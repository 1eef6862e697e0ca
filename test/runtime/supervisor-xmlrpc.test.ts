import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeCall } from '../../src/runtime/supervisor/xmlrpc-call.js';
import { SupervisordFault, SupervisordGone, SupervisordProtocolError, SupervisordTimeout } from '../../src/runtime/supervisor/xmlrpc-errors.js';
import { parseResponse } from '../../src/runtime/supervisor/xmlrpc-response.js';
import { supervisordClient, type SupervisordClient } from '../../src/runtime/supervisor/xmlrpc.js';
import { describeWithTool, hasSupervisord, isAlive as processExists, supervisorPython, tempDir, type TempDir } from '../support/tools.js';

/** Port of the inet http server of the daemon under test (this suite's range is 19300-19349). */
const INET_PORT = 19300;
/** A program name with every character XML escapes, quotes and non-ASCII letters. */
const SPECIAL = `x<&"'é✓`;
const SPECIAL_OUTPUT = `<tag a="1"> & ünïcødé ✓ ]]>`;

interface Daemon {
  dir: string;
  socket: string;
  programs: string;
  client: SupervisordClient;
  /** supervisord's pid, from its pid file; undefined once it has removed the file. */
  pid(): number | undefined;
}

function mainConf(dir: string, inet: string): string {
  return [
    '[unix_http_server]',
    `file=${dir}/supervisor.sock`,
    inet,
    '[supervisord]',
    `pidfile=${dir}/supervisord.pid`,
    `logfile=${dir}/supervisord.log`,
    `childlogdir=${dir}`,
    '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '[include]',
    `files=${dir}/programs.conf`,
    '',
  ].join('\n');
}

function program(name: string, ...settings: string[]): string {
  return [`[program:${name}]`, 'autostart=false', 'autorestart=false', ...settings, ''].join('\n');
}

function programsConf(dir: string): string {
  return [
    program('sleeper', 'command=/bin/sleep 1000', 'startsecs=1', 'stopwaitsecs=2'),
    program('slowstart', 'command=/bin/sleep 1000', 'startsecs=3', 'stopwaitsecs=2'),
    program('exiter', 'command=/bin/sh -c "exit 3"', 'startsecs=0'),
    // startsecs well past how long sh takes to exit on a loaded machine: it must exit "too quickly".
    program('crasher', 'command=/bin/sh -c "exit 7"', 'startsecs=10', 'startretries=0'),
    program('nofile', 'command=/nonexistent/bin/tool'),
    program('noexec', `command=${dir}/not-executable`),
    program('nolog', 'command=/bin/sleep 1000', `stdout_logfile=${dir}/logs/out.log`),
    program(SPECIAL, `command=/bin/sh -c "printf '%%s\\n' '${SPECIAL_OUTPUT.replace(/"/g, '\\"')}'"`, 'startsecs=0'),
  ].join('\n');
}

/** Starts a supervisord of its own in `dir` and waits until its socket answers. */
async function startDaemon(dir: string, inet = ''): Promise<Daemon> {
  const programs = join(dir, 'programs.conf');
  writeFileSync(join(dir, 'not-executable'), '#!/bin/sh\n');
  chmodSync(join(dir, 'not-executable'), 0o644);
  writeFileSync(programs, programsConf(dir));
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'supervisord.conf'), mainConf(dir, inet));
  const started = await execa('supervisord', ['-c', join(dir, 'supervisord.conf')], { reject: false, all: true });
  if (started.exitCode !== 0) throw new Error(`supervisord did not start: ${started.all}`);
  const socket = join(dir, 'supervisor.sock');
  const client = supervisordClient({ url: `unix://${socket}` });
  await eventually(() => client.getPID(), () => true);
  return { dir, socket, programs, client, pid: () => pidIn(join(dir, 'supervisord.pid')) };
}

/** Polls `read` until `done` holds for what it returns (10 s at most), and returns that. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after 10 s`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function faultOf(call: Promise<unknown>): Promise<SupervisordFault> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SupervisordFault);
  return error as SupervisordFault;
}

function pidIn(file: string): number | undefined {
  return existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined;
}

function isAlive(pid: number | undefined): boolean {
  return pid !== undefined && processExists(pid);
}

await describeWithTool('the XML-RPC client against a real supervisord', hasSupervisord, () => {
  let temp: TempDir;
  let daemon: Daemon;
  let client: SupervisordClient;

  beforeAll(async () => {
    temp = await tempDir('orchgen-xmlrpc-');
    daemon = await startDaemon(temp.path, ['[inet_http_server]', `port=127.0.0.1:${INET_PORT}`, 'username=orch', 'password=s3cret'].join('\n'));
    client = daemon.client;
  });

  afterAll(async () => {
    const pid = daemon?.pid();
    if (isAlive(pid)) {
      await client.shutdown().catch(() => undefined);
      await eventually(async () => isAlive(pid), (alive) => !alive).catch(() => process.kill(pid!, 'SIGKILL'));
    }
    await temp?.cleanup();
  });

  it('getPID and getState describe the daemon', async () => {
    expect(await client.getPID()).toBe(daemon.pid());
    expect(await client.getState()).toEqual({ statecode: 1, statename: 'RUNNING' });
  });

  it('getAllProcessInfo lists every program, stopped, with its log file', async () => {
    const all = await client.getAllProcessInfo();
    expect(all.map((info) => [info.group, info.name, info.statename, info.pid]).sort()).toEqual(
      ['crasher', 'exiter', 'noexec', 'nofile', 'nolog', 'sleeper', 'slowstart', SPECIAL].sort().map((name) => [name, name, 'STOPPED', 0]),
    );
    const sleeper = all.find((info) => info.name === 'sleeper')!;
    expect(sleeper.stdout_logfile.startsWith(join(temp.path, 'sleeper-stdout---supervisor-'))).toBe(true);
    expect(sleeper.logfile).toBe(sleeper.stdout_logfile);
  });

  it('startProcess with wait answers once the process is RUNNING; a second start is ALREADY_STARTED', async () => {
    await client.startProcess('sleeper', true, { timeoutMs: 10_000 });
    const info = await client.getProcessInfo('sleeper');
    expect(info.statename).toBe('RUNNING');
    expect(isAlive(info.pid)).toBe(true);
    expect(info.now - info.start).toBeGreaterThanOrEqual(1);
    const fault = await faultOf(client.startProcess('sleeper', true));
    expect([fault.faultCode, fault.faultName, fault.faultString]).toEqual([60, 'ALREADY_STARTED', 'ALREADY_STARTED: sleeper']);
  });

  it('stopProcess with wait answers once the process is STOPPED; a second stop is NOT_RUNNING', async () => {
    const { pid } = await client.getProcessInfo('sleeper');
    await client.stopProcess('sleeper', true, { timeoutMs: 10_000 });
    expect((await client.getProcessInfo('sleeper')).statename).toBe('STOPPED');
    expect(isAlive(pid)).toBe(false);
    const fault = await faultOf(client.stopProcess('sleeper', true));
    expect([fault.faultCode, fault.faultName, fault.faultString]).toEqual([70, 'NOT_RUNNING', 'NOT_RUNNING: sleeper']);
  });

  it('startProcess without wait answers while the process is still STARTING', async () => {
    await client.startProcess('slowstart', false);
    expect((await client.getProcessInfo('slowstart')).statename).toBe('STARTING');
    await client.stopProcess('slowstart', true, { timeoutMs: 10_000 });
  });

  it('a call past its time limit is a SupervisordTimeout', async () => {
    const error = await client.startProcess('slowstart', true, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupervisordTimeout);
    expect((error as SupervisordTimeout).message).toBe('supervisord: supervisor.startProcess did not answer within 300 ms');
    await eventually(() => client.getProcessInfo('slowstart'), (info) => info.statename === 'RUNNING');
    await client.stopProcess('slowstart', true, { timeoutMs: 10_000 });
  });

  it('getProcessInfo shows the exit status of a process that exited', async () => {
    // supervisord reaps right after the spawn: a process that has already exited by then is a SPAWN_ERROR.
    const refusal = await client.startProcess('exiter', false).catch((e: unknown) => e);
    if (refusal !== undefined) expect((refusal as SupervisordFault).faultName).toBe('SPAWN_ERROR');
    const info = await eventually(() => client.getProcessInfo('exiter'), (i) => i.statename === 'EXITED');
    expect([info.exitstatus, info.pid, info.spawnerr]).toEqual([3, 0, 'Bad exit code 3']);
  });

  it('faults carry supervisord code and text: BAD_NAME, NO_FILE, NOT_EXECUTABLE, SPAWN_ERROR, UNKNOWN_METHOD', async () => {
    // The log folder existed when supervisord read its config; without it, the spawn fails.
    rmSync(join(temp.path, 'logs'), { recursive: true });
    const cases: Array<[() => Promise<unknown>, number, string, string]> = [
      [() => client.getProcessInfo('nope'), 10, 'BAD_NAME', 'BAD_NAME: nope'],
      [() => client.startProcess('nofile', true), 20, 'NO_FILE', "NO_FILE: can't find command '/nonexistent/bin/tool'"],
      [() => client.startProcess('noexec', true), 21, 'NOT_EXECUTABLE', `NOT_EXECUTABLE: command at '${temp.path}/not-executable' is not executable`],
      [() => client.startProcess('nolog', true), 50, 'SPAWN_ERROR', 'SPAWN_ERROR: nolog'],
      [() => client.startProcess('crasher', true, { timeoutMs: 10_000 }), 50, 'SPAWN_ERROR', 'SPAWN_ERROR: crasher'],
      [() => client.call('supervisor.noSuchMethod'), 1, 'UNKNOWN_METHOD', 'UNKNOWN_METHOD'],
    ];
    for (const [call, code, name, text] of cases) {
      const fault = await faultOf(call());
      expect([fault.faultCode, fault.faultName, fault.faultString]).toEqual([code, name, text]);
    }
    const crasher = await eventually(() => client.getProcessInfo('crasher'), (info) => info.statename === 'FATAL');
    expect(crasher.spawnerr).toBe('Exited too quickly (process log may have details)');
  });

  it('names and output with XML-special and non-ASCII characters pass both ways unchanged', async () => {
    await client.startProcess(SPECIAL, false);
    const info = await eventually(() => client.getProcessInfo(SPECIAL), (i) => i.statename === 'EXITED');
    expect([info.name, info.group, info.exitstatus]).toEqual([SPECIAL, SPECIAL, 0]);
    expect(await client.readProcessStdoutLog(SPECIAL, 0, 4096)).toBe(`${SPECIAL_OUTPUT}\n`);
    // supervisord echoes an unknown name in its fault: what it parsed is what was sent, \r included.
    for (const name of [`nö<&>"'`, 'a\rb', 'tab\there', 'line\nfeed']) {
      expect((await faultOf(client.getProcessInfo(name))).faultString).toBe(`BAD_NAME: ${name}`);
    }
  });

  it('update adds, changes and removes groups as supervisorctl update does', async () => {
    await client.startProcess('sleeper', true, { timeoutMs: 10_000 });
    const conf = readFileSync(daemon.programs, 'utf8');
    writeFileSync(
      daemon.programs,
      conf.replace('command=/bin/sleep 1000\nstartsecs=1', 'command=/bin/sleep 999\nstartsecs=1').replace(/\[program:exiter\][^[]*/, '') + program('added', 'command=/bin/sleep 1000'),
    );
    const fault = await faultOf(client.removeProcessGroup('sleeper'));
    expect([fault.faultName, fault.faultString]).toEqual(['STILL_RUNNING', 'STILL_RUNNING: sleeper']);
    // The earlier test removed the log folder `nolog` names: the config does not read.
    expect((await faultOf(client.reloadConfig())).faultName).toBe('CANT_REREAD');
    mkdirSync(join(temp.path, 'logs'));
    expect(await client.reloadConfig()).toEqual({ added: ['added'], changed: ['sleeper'], removed: ['exiter'] });
    expect(await client.update({ timeoutMs: 10_000 })).toEqual({ added: ['added'], changed: ['sleeper'], removed: ['exiter'] });
    const names = (await client.getAllProcessInfo()).map((info) => info.name);
    expect(names).toContain('added');
    expect(names).not.toContain('exiter');
    expect((await client.getProcessInfo('sleeper')).description).toBe('Not started');
    expect((await client.reloadConfig())).toEqual({ added: [], changed: [], removed: [] });
    expect((await faultOf(client.addProcessGroup('added'))).faultName).toBe('ALREADY_ADDED');
  });

  it('the inet http server answers the same, with its credentials; without them it is an HTTP error', async () => {
    const inet = supervisordClient({ url: `http://127.0.0.1:${INET_PORT}`, username: 'orch', password: 's3cret' });
    expect(await inet.getPID()).toBe(daemon.pid());
    const anonymous = supervisordClient({ url: `http://127.0.0.1:${INET_PORT}` });
    const error = await anonymous.getPID().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupervisordProtocolError);
    expect((error as Error).message).toBe('supervisord: supervisor.getPID answered HTTP 401 Unauthorized');
  });

  it('after shutdown, calls fail with SupervisordGone', async () => {
    const pid = daemon.pid();
    await client.shutdown();
    await eventually(async () => isAlive(pid), (alive) => !alive);
    const error = await client.getAllProcessInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupervisordGone);
    expect((error as Error).message).toBe(`supervisord is not running at unix://${daemon.socket} (ENOENT)`);
  });
});

await describeWithTool('the XML-RPC client when supervisord died and left its socket', hasSupervisord, () => {
  let temp: TempDir;

  beforeAll(async () => {
    temp = await tempDir('orchgen-xmlrpc-gone-');
  });
  afterAll(() => temp?.cleanup());

  it('a socket nobody listens on is SupervisordGone (ECONNREFUSED)', async () => {
    const daemon = await startDaemon(temp.path);
    const pid = daemon.pid()!;
    process.kill(pid, 'SIGKILL');
    await eventually(async () => isAlive(pid), (alive) => !alive);
    expect(existsSync(daemon.socket)).toBe(true);
    const error = await daemon.client.getPID().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupervisordGone);
    expect((error as Error).message).toBe(`supervisord is not running at unix://${daemon.socket} (ECONNREFUSED)`);
  });
});

await describeWithTool('XML-RPC encoding and parsing against supervisord own Python', hasSupervisord, () => {
  const run = async (script: string, input: string): Promise<string> => {
    const python = (await supervisorPython())!;
    return (await execa(python, ['-c', script], { input })).stdout;
  };

  it('supervisord parses every kind of parameter as it was meant', async () => {
    const params = ['plain', '<&>"\' é✓ 𝄞', 'cr\r\nlf', '', 0, -2147483648, 2147483647, true, false, ['a', 1, [false, 'x&y']], []];
    const script = [
      'import sys, json',
      'from supervisor.xmlrpc import supervisor_xmlrpc_handler as H',
      'params, method = H.loads(object.__new__(H), sys.stdin.read())',
      'print(json.dumps({"method": method, "params": params}))',
    ].join('\n');
    expect(JSON.parse(await run(script, encodeCall('supervisor.some.Method&<>', params)))).toEqual({ method: 'supervisor.some.Method&<>', params });
  });

  it("reads what Python's marshaller writes, values and faults", async () => {
    const script = [
      'import sys, json, xmlrpc.client as x',
      'value = {"s": "<&>\\"\' é✓ 𝄞\\r\\n\\ttab", "empty": "", "i": -7, "big": 2147483647, "t": True, "f": False, "d": 1.5, "e": -2.5e-7,',
      '         "list": [1, "two", [3.0, {}], []], "nested": {"a&b": {"<c>": [True]}}}',
      'print(json.dumps([x.dumps((value,), methodresponse=True), x.dumps(x.Fault(50, "SPAWN_ERROR: <x> & y")), value]))',
    ].join('\n');
    const [response, fault, value] = JSON.parse(await run(script, '')) as [string, string, unknown];
    expect(parseResponse(response)).toEqual({ value });
    expect(parseResponse(fault)).toEqual({ fault: { code: 50, message: 'SPAWN_ERROR: <x> & y' } });
  });

  it('untyped text is a string, and rejects what supervisord never sends', () => {
    const wrap = (value: string) => `<?xml version='1.0'?><methodResponse><params><param>${value}</param></params></methodResponse>`;
    expect(parseResponse(wrap('<value> a &amp; b </value>'))).toEqual({ value: ' a & b ' });
    expect(parseResponse(wrap('<value>&#60;&#x3E;</value>'))).toEqual({ value: '<>' });
    const bad = [
      wrap('<value><nil/></value>'),
      wrap('<value><dateTime.iso8601>20250101T00:00:00</dateTime.iso8601></value>'),
      wrap('<value><base64>eA==</base64></value>'),
      wrap('<value><int>1.5</int></value>'),
      wrap('<value><boolean>true</boolean></value>'),
      wrap('<value>a & b</value>'),
      wrap('<value>&bogus;</value>'),
      wrap('<value>x<string>y</string></value>'),
      wrap('<value><string>a</string>'),
      wrap('<value><string>a</string></value>') + '<extra/>',
      '<methodResponse><fault><value><string>no struct</string></value></fault></methodResponse>',
      '<html>502 Bad Gateway</html>',
      wrap('<value><array><data>'.repeat(40) + '</data></array></value>'.repeat(40)),
    ];
    for (const text of bad) expect(() => parseResponse(text), text).toThrow(SupervisordProtocolError);
  });

  it('refuses to send what XML cannot carry', () => {
    expect(() => encodeCall('m', ['nul\u0000'])).toThrow(TypeError);
    expect(() => encodeCall('m', ['lone \ud800 surrogate'])).toThrow(TypeError);
    expect(() => encodeCall('m', [1.5])).toThrow(TypeError);
    expect(() => encodeCall('m', [2 ** 31])).toThrow(TypeError);
  });
});
