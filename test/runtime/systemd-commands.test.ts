import { expect, test } from 'vitest';
import { journalctlOf } from '../../src/runtime/systemd/commands.js';

test('journalctl is run the way systemctl is: plain, by path, or after the same prefix', () => {
  expect(journalctlOf(['systemctl'])).toEqual(['journalctl']);
  expect(journalctlOf(['/usr/bin/systemctl'])).toEqual(['/usr/bin/journalctl']);
  expect(journalctlOf(['docker', 'exec', 'box', 'systemctl'])).toEqual(['docker', 'exec', 'box', 'journalctl']);
  expect(journalctlOf(['sudo', '-n', '/bin/systemctl'])).toEqual(['sudo', '-n', '/bin/journalctl']);
});
