import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTool, hasSupervisord, isAlive, tempDir, type TempDir } from '../../support/tools.js';
import { buildInto, startSupervisord, waitFor, writeMainConf, yamlString, type Supervisord } from './helpers.js';

/**
 * The conf under supervisord alone (no orchgen): the header's promise about stop order, checked with
 * the times the programs themselves record when they get SIGTERM and when they exit.
 */

const project = `sord${process.pid}`;
const names = ['db', 'cache', 'api', 'web'].map((s) => `${project}-${s}`);

/** Records `start`, then on SIGTERM `term`, takes 0.4 s to stop, records `exit`. */
const service = `
import signal, sys, time
name, events = sys.argv[1], sys.argv[2]
def note(event):
    with open(events, 'a') as f:
        f.write(f'{name} {event} {time.time():.6f}\\n')
def term(*_):
    note('term')
    time.sleep(0.4)
    note('exit')
    sys.exit(0)
signal.signal(signal.SIGTERM, term)
note('start')
while True:
    time.sleep(1)
`;

interface Event {
  program: string;
  event: string;
  at: number;
}

await describeWithTool('supervisor target: stopped in reverse dependency order by supervisord itself', hasSupervisord, () => {
  let dir: TempDir;
  let mainConf: string;
  let conf: string;
  let supervisord: Supervisord | undefined;
  const eventsFile = () => path.join(dir.path, 'events');
  const events = (): Event[] =>
    readFileSync(eventsFile(), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .map(([program, event, at]) => ({ program: program!, event: event!, at: Number(at) }));
  const at = (program: string, event: string) => {
    const found = events().find((e) => e.program === program && e.event === event);
    if (!found) throw new Error(`no ${event} of ${program} in\n${readFileSync(eventsFile(), 'utf8')}`);
    return found.at;
  };
  const startAll = async () => {
    await supervisord!.ctl(['stop', 'all']);
    rmSync(eventsFile(), { force: true });
    await supervisord!.ctl(['start', 'all']);
    await supervisord!.waitRunning(names);
    await waitFor(() => (existsSync(eventsFile()) && events().filter((e) => e.event === 'start').length === names.length ? true : undefined), 10_000, 'every start');
  };

  beforeAll(async () => {
    dir = await tempDir('orchgen-supervisor-order-');
    const script = path.join(dir.path, 'service.py');
    writeFileSync(script, service);
    const cmd = (name: string) => JSON.stringify(['python3', script, `${project}-${name}`, path.join(dir.path, 'events')]);
    const yaml = `version: 1
project: ${project}
defaults: { restart: "no", stop: { timeout: 5s } }
services:
  db: { command: ${cmd('db')} }
  cache: { command: ${cmd('cache')} }
  api: { command: ${cmd('api')}, depends_on: [db, cache] }
  web: { command: ${cmd('web')}, depends_on: [api] }
targets:
  supervisor: { log_dir: ${yamlString(`${dir.path}/logs`)} }
`;
    conf = buildInto(dir.path, yaml).conf;
    mainConf = writeMainConf(dir.path, conf);
    supervisord = await startSupervisord(mainConf);
    await supervisord.waitRunning(names);
  });
  afterAll(async () => {
    await supervisord?.shutdown();
    await dir?.cleanup();
  });

  it("the header's `supervisorctl stop` stops each program before the next is signalled", async () => {
    const command = /`supervisorctl (stop [^`]+)` \(one after the other, as listed\)/.exec(readFileSync(conf, 'utf8'));
    expect(command?.[1]).toBe(`stop ${project}-web ${project}-api ${project}-db ${project}-cache`);
    await startAll();
    const stopped = await supervisord!.ctl(command![1]!.split(' '));
    expect(stopped.exitCode, stopped.stdout + stopped.stderr).toBe(0);
    expect((await supervisord!.ctl(['status', ...names])).stdout.match(/STOPPED/g)).toHaveLength(names.length);
    inOrder(['web', 'api', 'db', 'cache']);
  });

  it('supervisord shutting down on SIGTERM stops dependents first, each fully stopped before the next', async () => {
    await startAll();
    const pid = Number(readFileSync(path.join(dir.path, 'supervisord.pid'), 'utf8').trim());
    process.kill(pid, 'SIGTERM');
    await waitFor(() => (isAlive(pid) ? undefined : true), 30_000, 'supervisord to exit');
    supervisord = undefined;
    inOrder(['web', 'api', ['db', 'cache']]);
    // db and cache are independent (both wave 1): stopped one after the other all the same.
    const [first, second] = [`${project}-db`, `${project}-cache`].sort((a, b) => at(a, 'term') - at(b, 'term'));
    expect(at(first!, 'exit')).toBeLessThanOrEqual(at(second!, 'term'));
    supervisord = await startSupervisord(mainConf);
    await supervisord.waitRunning(names);
  });

  it('`supervisorctl stop all` signals every program at once, as the header says', async () => {
    await startAll();
    expect(readFileSync(conf, 'utf8')).toContain('`supervisorctl stop all` signals every program at once.');
    await supervisord!.ctl(['stop', 'all']);
    const terms = names.map((name) => at(name, 'term'));
    const exits = names.map((name) => at(name, 'exit'));
    expect(Math.max(...terms)).toBeLessThan(Math.min(...exits));
  });

  /** Each step's programs all exited before any program of a later step got SIGTERM. */
  function inOrder(steps: Array<string | string[]>): void {
    const groups = steps.map((step) => (Array.isArray(step) ? step : [step]).map((s) => `${project}-${s}`));
    for (const program of groups.flat()) expect(at(program, 'term')).toBeLessThan(at(program, 'exit'));
    for (let i = 1; i < groups.length; i++) {
      const lastExit = Math.max(...groups[i - 1]!.map((p) => at(p, 'exit')));
      const firstTerm = Math.min(...groups[i]!.map((p) => at(p, 'term')));
      expect(lastExit, `${groups[i - 1]} exited before ${groups[i]} got SIGTERM`).toBeLessThanOrEqual(firstTerm);
    }
  }
});
