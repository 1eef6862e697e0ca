import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freePort, serverScript } from '../runtime/stack.js';
import { allTools, describeWithTool, hasSupervisord, hasTmux, tempDir, type TempDir } from '../support/tools.js';
import { cliEntry, orchgen } from './run.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();
/** A tmux server of this test alone: killing it ends every session the test opened. */
const socket = `orchgen-live-${process.pid}`;
const tmux = (...args: string[]) => execa('tmux', ['-L', socket, ...args]);
const exitedLine = /^orchgen exited (\d+)$/m;

/** db answers 3 s after it starts, cache at once, api once both are healthy; a start period long enough for a busy machine. */
async function writeSpec(dir: string): Promise<string> {
  const stamps = join(dir, 'stamps');
  mkdirSync(stamps, { recursive: true });
  const service = async (name: string, delay: number, dependsOn: string[] = []) => {
    const port = await freePort();
    return [
      `  ${name}:`,
      `    command: ${JSON.stringify([python, serverScript, '--name', name, '--port', String(port), '--delay', String(delay), '--stamps', stamps])}`,
      ...(dependsOn.length > 0 ? [`    depends_on: ${JSON.stringify(dependsOn)}`] : []),
      `    health: {http: "http://127.0.0.1:${port}/health", interval: 1s, timeout: 1s, retries: 3, start_period: 60s}`,
    ];
  };
  const lines = [
    'version: 1',
    'project: liveview',
    'defaults:',
    '  stop: {timeout: 3s}',
    'services:',
    ...(await service('db', 3)),
    ...(await service('cache', 0)),
    ...(await service('api', 0.5, ['db', 'cache'])),
    'targets:',
    `  supervisor: {log_dir: ${join(dir, 'logs')}}`,
  ];
  const spec = join(dir, 'orchgen.yaml');
  writeFileSync(spec, `${lines.join('\n')}\n`);
  return spec;
}

/**
 * Runs the built CLI in a detached tmux session of 120x30, as a user on a terminal would: CI and
 * NO_COLOR unset, TERM=xterm-256color. The pane stays after the command, with its exit code.
 */
async function inTerminal(session: string, args: readonly string[], cwd: string): Promise<void> {
  const quoted = [process.execPath, cliEntry, ...args].map((word) => `'${word}'`).join(' ');
  // the shell outlives a Ctrl-C (sent to the whole process group) to say how the command exited
  const script = `trap true INT; cd '${cwd}' && env -u CI -u NO_COLOR TERM=xterm-256color ${quoted}; echo "orchgen exited $?"; exec sleep 600`;
  await tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', '-e', 'TERM=xterm-256color', 'sh', '-c', script);
}

/** Every distinct screen of the session (capture-pane, polled) up to the first for which `done` holds. */
async function screensUntil(session: string, done: (screen: readonly string[]) => boolean, timeoutMs: number): Promise<string[][]> {
  const screens: string[][] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = (await tmux('capture-pane', '-p', '-t', session)).stdout;
    if (screen !== screens.at(-1)?.join('\n')) screens.push(screen.split('\n'));
    if (done(screens.at(-1)!)) return screens;
    if (Date.now() > deadline) throw new Error(`${session}: not there within ${timeoutMs}ms; last screen:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const exited = (screen: readonly string[]) => exitedLine.test(screen.join('\n'));

interface Line {
  row: number;
  text: string;
}

/** Where the service's line of the live view is on a screen (its rows are indented; the summary's are not): never more than one. */
function boardLine(screen: readonly string[], service: string): Line | undefined {
  const rows = screen.flatMap((text, row) => (text.startsWith(`  ${service} `) ? [{ row, text }] : []));
  expect(rows.length, `at most one live line for ${service}:\n${screen.join('\n')}`).toBeLessThanOrEqual(1);
  return rows[0];
}

/** The line's cell in column `index` (0 is the service). */
const cellOf = (line: Line | undefined, index: number) => line?.text.trim().split(/\s+/)[index];

await describeWithTool('the live view of up, monitor and down in a real terminal', allTools(hasTmux, hasSupervisord), () => {
  let scratch: TempDir;
  let dir: string;
  let spec: string;
  const cliArgs = (command: string) => [command, '-f', spec, '-t', 'supervisor'];

  beforeAll(async () => {
    scratch = await tempDir('orchgen-live-view-');
    dir = join(scratch.path, 'stack');
    spec = await writeSpec(dir);
    const validated = await orchgen(['validate', '-f', spec]);
    expect(validated.code, validated.stderr).toBe(0);
  });

  afterAll(async () => {
    try {
      if (spec) await orchgen(cliArgs('down'));
    } finally {
      await tmux('kill-server').catch(() => undefined);
      await scratch?.cleanup();
    }
  });

  test('up redraws one line per service, by wave, from waiting to healthy, and leaves the summary on screen', async () => {
    await inTerminal('up', cliArgs('up'), dir);
    const screens = await screensUntil('up', exited, 120_000);
    const lines = screens.map((screen) => boardLine(screen, 'db'));
    const waiting = lines.findIndex((line) => ['starting', 'waiting'].includes(cellOf(line, 1)!));
    const healthy = lines.findIndex((line, i) => i > waiting && cellOf(line, 1) === 'healthy');
    expect(waiting, screens.map((s) => s.join('\n')).join('\n----\n')).toBeGreaterThanOrEqual(0);
    expect(healthy).toBeGreaterThan(waiting);
    // the same place on the screen, from the first state seen to the last
    expect(new Set(lines.flatMap((line) => line?.row ?? []))).toEqual(new Set([lines[waiting]!.row]));
    // api waits for db: it says so while db comes up
    expect(boardLine(screens[waiting]!, 'api')?.text).toMatch(/pending .* waits for db/);
    // every service's line changes in place, from a state before healthy to healthy
    for (const service of ['db', 'cache', 'api']) {
      const seen = screens.map((screen) => boardLine(screen, service)).filter((line) => line !== undefined);
      const states = seen.map((line) => cellOf(line, 1)!).filter((state, i, all) => state !== all[i - 1]);
      console.log(`live view, ${service}: ${states.join(' → ')}`);
      expect(states.length, `${service}: ${states.join(' → ')}`).toBeGreaterThanOrEqual(2);
      expect([states[0] === 'healthy', states.at(-1)], `${service}: ${states.join(' → ')}`).toEqual([false, 'healthy']);
      expect(new Set(seen.map((line) => line.row)).size, `${service} stays on one row`).toBe(1);
    }

    const text = screens.at(-1)!.join('\n');
    expect(text).toMatch(/^wave 1\n {2}db +healthy +\d+\.\ds +\d+ +healthy +- +0\n {2}cache +healthy .*\nwave 2\n {2}api +healthy /m);
    expect(text).toMatch(/^SERVICE +STATE +HEALTH +TIME +VARIANT +WHY\ndb +healthy +healthy /m);
    expect(text).toMatch(/^healthy: every service is up$/m);
    expect(exitedLine.exec(text)?.[1]).toBe('0');
  });

  test('monitor redraws each service in place as its checks come, and leaves its last view on Ctrl-C', async () => {
    const port = await freePort();
    await inTerminal('monitor', [...cliArgs('monitor'), '--listen', `127.0.0.1:${port}`], dir);
    const checks = (screen: readonly string[]) => Number(cellOf(boardLine(screen, 'db'), 3) ?? 0);
    const screens = await screensUntil('monitor', (screen) => checks(screen) >= 3, 60_000);
    // one line for db on every screen (boardLine), its count of checks going up there; what the
    // monitor reports goes above the view and may move it down
    expect(new Set(screens.map(checks).filter((n) => n > 0)).size).toBeGreaterThanOrEqual(2);
    const last = screens.at(-1)!;
    expect(cellOf(boardLine(last, 'db'), 1)).toBe('healthy');
    expect(last.join('\n')).toMatch(/^liveview on supervisor: healthy \(score 100\)$/m);

    await tmux('send-keys', '-t', 'monitor', 'C-c');
    const stopped = (await screensUntil('monitor', exited, 30_000)).at(-1)!.join('\n');
    expect(stopped).toMatch(/^monitoring liveview on supervisor: 3 services; API and metrics at /m);
    // the terminal echoes the Ctrl-C where the cursor is, below the view
    expect(stopped).toMatch(/^liveview on supervisor: healthy \(score 100\)\n(\^C)?monitor stopped\norchgen exited 0$/m);
  });

  test('down ends with every service stopped on its line, then what is left', async () => {
    await inTerminal('down', cliArgs('down'), dir);
    const last = (await screensUntil('down', exited, 60_000)).at(-1)!;
    for (const service of ['db', 'cache', 'api']) expect(cellOf(boardLine(last, service), 1)).toBe('stopped');
    const text = last.join('\n');
    expect(text).toMatch(/^liveview: down, nothing left running$/m);
    expect(exitedLine.exec(text)?.[1]).toBe('0');
  });
});
