import { expect, test } from 'vitest';
import { journalctlOf } from '../../src/runtime/systemd/commands.js';
import { lastMainExit } from '../../src/runtime/systemd/main-exit.js';

test('journalctl is run the way systemctl is: plain, by path, or after the same prefix', () => {
  expect(journalctlOf(['systemctl'])).toEqual(['journalctl']);
  expect(journalctlOf(['/usr/bin/systemctl'])).toEqual(['/usr/bin/journalctl']);
  expect(journalctlOf(['docker', 'exec', 'box', 'systemctl'])).toEqual(['docker', 'exec', 'box', 'journalctl']);
  expect(journalctlOf(['sudo', '-n', '/bin/systemctl'])).toEqual(['sudo', '-n', '/bin/journalctl']);
});

test("how the last main process ended, from systemd's own journal lines about the unit", () => {
  // As systemd 252 logs it (journalctl UNIT=x.service -o cat).
  const journal = [
    'Started x.service - server.',
    'x.service: Main process exited, code=exited, status=3/NOTIMPLEMENTED',
    "x.service: Failed with result 'exit-code'.",
    'x.service: Scheduled restart job, restart counter is at 1.',
    'Started x.service - server.',
    'x.service: Main process exited, code=killed, status=9/KILL',
  ];
  expect(lastMainExit(journal.slice(0, 5).join('\n'))).toEqual({ exitCode: 3 });
  expect(lastMainExit(journal.join('\n'))).toEqual({ exitCode: 137, signal: 'SIGKILL' });
  expect(lastMainExit('Started x.service - server.')).toBeUndefined();
});
