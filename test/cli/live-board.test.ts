import { describe, expect, test } from 'vitest';
import { boardLines } from '../../src/cli/live/board-lines.js';
import { Board, type BoardEntry } from '../../src/cli/live/board.js';
import { liveViewFits } from '../../src/cli/live/fits.js';
import { liveReporter } from '../../src/cli/live/live-reporter.js';
import { lineReporter, type Phase, type ServiceSummary } from '../../src/runtime/events.js';

const entries: BoardEntry[] = [
  { service: 'db', wave: 1, waitsOn: [] },
  { service: 'api', wave: 2, waitsOn: ['db', 'cache'] },
  { service: 'cache', wave: 1, waitsOn: [] },
  { service: 'web', wave: 3, waitsOn: ['api'] },
];

const event = (board: Board, service: string, phase: Phase, elapsedMs: number, extra: { variant?: string; why?: string } = {}) =>
  board.event({ service, wave: entries.find((e) => e.service === service)!.wave, phase, elapsedMs, ...extra });

describe('the live board as lines', () => {
  test('before any event: every service pending, grouped by wave, with what it waits for', () => {
    expect(boardLines(new Board(entries, 'up'), 0)).toEqual([
      '  SERVICE  STATE       TIME  PROBES  HEALTH     VARIANT  RESTARTS',
      'wave 1',
      '  db       pending     -     -       -          -        0',
      '  cache    pending     -     -       -          -        0',
      'wave 2',
      '  api      pending     -     -       -          -        0         waits for db, cache',
      'wave 3',
      '  web      pending     -     -       -          -        0         waits for api',
    ]);
  });

  test('up under way: phases, clocks, probes, health, variant and restarts of each service on its own line', () => {
    const board = new Board(entries, 'up');
    event(board, 'db', 'starting', 100);
    event(board, 'db', 'waiting', 150);
    board.probe({ service: 'db', ok: false });
    board.probe({ service: 'db', ok: false });
    event(board, 'cache', 'unchanged', 120);
    board.probe({ service: 'cache', ok: true });
    expect(boardLines(board, 2600)).toEqual([
      '  SERVICE  STATE       TIME  PROBES  HEALTH     VARIANT  RESTARTS',
      'wave 1',
      '  db       waiting     2.5s  2       unhealthy  -        0',
      '  cache    unchanged   0.0s  1       healthy    -        0',
      'wave 2',
      '  api      pending     -     -       -          -        0         waits for db',
      'wave 3',
      '  web      pending     -     -       -          -        0         waits for api',
    ]);

    board.probe({ service: 'db', ok: true });
    event(board, 'db', 'healthy', 3100);
    event(board, 'api', 'starting', 3200);
    event(board, 'api', 'restarting', 4200, { why: 'exited with code 1; restart: on-failure' });
    event(board, 'api', 'fallback', 5200, { variant: 'single-gpu', why: 'log matched NCCL' });
    event(board, 'api', 'starting', 5300, { variant: 'single-gpu' });
    event(board, 'api', 'waiting', 5400, { variant: 'single-gpu' });
    expect(boardLines(board, 12_300)).toEqual([
      '  SERVICE  STATE       TIME  PROBES  HEALTH     VARIANT     RESTARTS',
      'wave 1',
      '  db       healthy     3.0s  3       healthy    -           0',
      '  cache    unchanged   0.0s  1       healthy    -           0',
      'wave 2',
      '  api      waiting     9.1s  -       -          single-gpu  1',
      'wave 3',
      '  web      pending     -     -       -          -           0         waits for api',
    ]);
  });

  test('a failure keeps its why; settling stops the clocks of services still under way', () => {
    const board = new Board(entries, 'up');
    event(board, 'db', 'starting', 0);
    event(board, 'db', 'failed', 2000, { why: 'exited with code 3' });
    event(board, 'cache', 'starting', 0);
    board.settle(2500);
    event(board, 'api', 'skipped', 2600, { why: 'needs db' });
    const lines = boardLines(board, 60_000);
    expect(lines.slice(2, 4)).toEqual(['  db       failed      2.0s  -       -          -        0         exited with code 3', '  cache    starting    2.5s  -       -          -        0']);
    expect(lines[5]).toBe('  api      skipped     0.0s  -       -          -        0         needs db');
  });

  test('down: a service waits for its dependents to stop; stopped leaves no health', () => {
    const board = new Board(
      entries.map((e) => ({ ...e, waitsOn: entries.filter((d) => d.waitsOn.includes(e.service)).map((d) => d.service) })),
      'down',
    );
    event(board, 'web', 'stopping', 0);
    event(board, 'web', 'stopped', 700);
    event(board, 'api', 'stopping', 710);
    expect(boardLines(board, 1710)).toEqual([
      '  SERVICE  STATE       TIME  PROBES  HEALTH     VARIANT  RESTARTS',
      'wave 1',
      '  db       pending     -     -       -          -        0         stops after api',
      '  cache    pending     -     -       -          -        0         stops after api',
      'wave 2',
      '  api      stopping    1.0s  -       -          -        0',
      'wave 3',
      '  web      stopped     0.7s  -       -          -        0',
    ]);
  });

  test('a line wider than the terminal is cut rather than wrapped', () => {
    const lines = boardLines(new Board(entries, 'up'), 0, 40);
    expect(lines[5]).toBe('  api      pending     -     -       -');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(40);
  });
});

describe('when the live view is used', () => {
  const tty = { isTTY: true };
  test.each([
    ['a terminal', tty, {}, true],
    ['not a terminal', { isTTY: false }, {}, false],
    ['NO_COLOR', tty, { NO_COLOR: '' }, false],
    ['TERM=dumb', tty, { TERM: 'dumb' }, false],
    ['CI of any value', tty, { CI: 'false' }, false],
    ['TERM=xterm-256color', tty, { TERM: 'xterm-256color' }, true],
  ] as const)('%s', (_, stdout, env, fits) => {
    expect(liveViewFits(stdout, env)).toBe(fits);
  });
});

describe('the live reporter on a stream', () => {
  test('ends with its last frame, then the summary exactly as the plain lines print it', () => {
    let written = '';
    const stream = { write: (text: string) => ((written += text), true), columns: 100, rows: 30 } as unknown as NodeJS.WriteStream;
    const live = liveReporter(stream, entries.slice(0, 1), 'up');
    live.event({ service: 'db', wave: 1, phase: 'starting', elapsedMs: 0 });
    live.event({ service: 'db', wave: 1, phase: 'healthy', elapsedMs: 1200 });
    const rows: ServiceSummary[] = [{ service: 'db', state: 'healthy', health: 'healthy', timeToHealthyMs: 1200 }];
    live.summary(rows, 'healthy: every service is up');
    let plain = '';
    lineReporter((text) => (plain += text)).summary(rows, 'healthy: every service is up');
    // log-update rewrites the line in place and erases what is left of it (ESC [K)
    expect(written.endsWith(`  db       healthy     1.2s  -       healthy    -        0\u001b[K\n${plain}`)).toBe(true);
  });
});
