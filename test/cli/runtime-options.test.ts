import { expect, test } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { targets } from '../../src/targets/all.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let [out, err] = ['', ''];
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, cwd: process.cwd() };
  const code = await runCli(args, io);
  return { code, out, err };
}

const declared = targets.flatMap((t: { name: string; runtimeOptions?: ReadonlyArray<{ flags: string; commands?: readonly string[] }> }) =>
  (t.runtimeOptions ?? []).map((o) => ({ target: t.name, flag: o.flags.split(' ')[0]!, commands: o.commands })),
);

test('each runtime command lists the options its targets declare, each under its target', async () => {
  expect(declared.map((d) => d.flag)).toEqual(['--systemctl', '--user', '--host', '--unit-dir', '--secrets-dir', '--pm2', '--supervisor-conf']);
  for (const command of ['preflight', 'up', 'status', 'logs', 'monitor', 'down']) {
    const help = (await run([command, '--help'])).out.replace(/\s+/g, ' ');
    for (const option of declared) {
      const listed = help.includes(`${option.flag} `) && help.includes(`${option.target}: `);
      expect(listed, `${command} ${option.flag}`).toBe(!option.commands || option.commands.includes(command));
    }
  }
});

test("an option of another target is refused, naming the target it belongs to", async () => {
  const result = await run(['status', '-t', 'supervisor', '--pm2', '/opt/pm2', '--user', '-f', 'examples/quickstart/orchgen.yaml']);
  expect(result).toEqual({ code: 1, out: '', err: '--user is an option of -t systemd, not of -t supervisor\n--pm2 is an option of -t pm2, not of -t supervisor\n' });
});
