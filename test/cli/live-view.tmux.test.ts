import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeStack, type Stack } from '../runtime/stack.js';
import { allTools, describeWithTool, hasSupervisord, hasTmux, tempDir, type TempDir } from '../support/tools.js';
import { cliEntry, orchgen } from './run.js';

const python = (await execa('sh', ['-c', 'command -v python3'])).stdout.trim();
/** A tmux server of this test alone: killing it ends every session the test opened. */
const socket = `orchgen-live-${process.pid}`;
const tmux = (...args: string[]) => execa('tmux', ['-L', socket, ...args]);
const exitedLine = /^orchgen exited (\d+)$/m;

/**
 * Runs the built CLI in a detached tmux session of 120x30, as a user on a terminal would: CI and
 * NO_COLOR unset, TERM=xterm-256color. The pane stays after the command, with its exit code.
 */
async function inTerminal(session: string, args: readonly string[], cwd: string): Promise<void> {
  const quoted = [process.execPath, cliEntry, ...args].map((word) => `'${word}'`).join(' ');
  const script = `cd '${cwd}' && env -u CI -u NO_COLOR TERM=xterm-256color ${quoted}; echo "orchgen exited $?"; exec sleep 600`;
  await tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', '-e', 'TERM=xterm-256color', 'sh', '-c', script);
}

/** Every distinct screen of the session until the command exits, polled with capture-pane. */
async function screensUntilExit(session: string, timeoutMs: number): Promise<string[][]> {
  const screens: string[][] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = (await tmux('capture-pane', '-p', '-t', session)).stdout;
    if (screen !== screens.at(-1)?.join('\n')) screens.push(screen.split('\n'));
    if (exitedLine.test(screen)) return screens;
    if (Date.now() > deadline) throw new Error(`${session} did not finish within ${timeoutMs}ms; last screen:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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

const stateOf = (line: Line | undefined) => line?.text.trim().split(/\s+/)[1];

await describeWithTool('the live view of up and down in a real terminal', allTools(hasTmux, hasSupervisord), () => {
  let scratch: TempDir;
  let stack: Stack;
  const cliArgs = (command: string) => [command, '-f', stack.spec, '-t', 'supervisor'];

  beforeAll(async () => {
    scratch = await tempDir('orchgen-live-view-');
    const dir = join(scratch.path, 'stack');
    stack = await writeStack(dir, 'liveview', python, [
      { name: 'db', delay: 3 },
      { name: 'cache', delay: 0.2 },
      { name: 'api', delay: 0.5, dependsOn: ['db', 'cache'] },
    ], `targets:\n  supervisor: {log_dir: ${dir}/logs}\n`);
    const validated = await orchgen(['validate', '-f', stack.spec]);
    expect(validated.code, validated.stderr).toBe(0);
  });

  afterAll(async () => {
    try {
      if (stack) await orchgen(cliArgs('down'));
    } finally {
      await tmux('kill-server').catch(() => undefined);
      await scratch?.cleanup();
    }
  });

  test('up redraws one line per service, by wave, from waiting to healthy, and leaves the summary on screen', async () => {
    await inTerminal('up', cliArgs('up'), stack.dir);
    const screens = await screensUntilExit('up', 90_000);
    const last = screens.at(-1)!;
    const lines = screens.map((screen) => boardLine(screen, 'db'));
    const waiting = lines.findIndex((line) => ['starting', 'waiting'].includes(stateOf(line)!));
    const healthy = lines.findIndex((line, i) => i > waiting && stateOf(line) === 'healthy');
    expect(waiting, screens.map((s) => s.join('\n')).join('\n----\n')).toBeGreaterThanOrEqual(0);
    expect(healthy).toBeGreaterThan(waiting);
    // the same place on the screen, from the first state seen to the last
    expect(new Set(lines.flatMap((line) => line?.row ?? []))).toEqual(new Set([lines[waiting]!.row]));
    // api waits for db: it shows so while db comes up
    expect(boardLine(screens[waiting]!, 'api')?.text).toMatch(/pending .* waits for db/);

    const text = last.join('\n');
    expect(text).toMatch(/^wave 1\n {2}db +healthy +\d+\.\ds +\d+ +healthy +- +0\n {2}cache +healthy .*\nwave 2\n {2}api +healthy /m);
    expect(text).toMatch(/^SERVICE +STATE +HEALTH +TIME +VARIANT +WHY\ndb +healthy +healthy /m);
    expect(text).toMatch(/^healthy: every service is up$/m);
    expect(exitedLine.exec(text)?.[1]).toBe('0');
  });

  test('down ends with every service stopped on its line, then what is left', async () => {
    await inTerminal('down', cliArgs('down'), stack.dir);
    const screens = await screensUntilExit('down', 60_000);
    const last = screens.at(-1)!;
    for (const service of ['db', 'cache', 'api']) expect(stateOf(boardLine(last, service))).toBe('stopped');
    const text = last.join('\n');
    expect(text).toMatch(/^liveview: down, nothing left running$/m);
    expect(exitedLine.exec(text)?.[1]).toBe('0');
  });
});
