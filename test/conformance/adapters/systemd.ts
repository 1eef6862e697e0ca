/**
 * systemd, as its users run it: the units copied to /etc/systemd/system of a machine where systemd
 * is PID 1 (the test container, with the host's docker CLI and engine), the values where the units
 * read them (the secrets files their EnvironmentFile= name, the manager's environment for
 * PassEnvironment=), the units enabled, then `systemctl start <project>.target`; `systemctl stop` of it to stop.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { allTools, hasPythonOnlyImage, hasSystemdImage, startSystemdContainer, type SystemdContainer } from '../../support/tools.js';
import { envFileLine } from '../../../src/runtime/systemd/secrets.js';
import type { Stack, TargetAdapter, ToolRun } from '../adapter.js';
import { FIXTURE_DIR } from '../fixture/spec.js';

const containers = new Map<string, SystemdContainer>();

async function systemctl(stack: Stack, script: string): Promise<ToolRun> {
  const r = await containers.get(stack.project)!.exec(['sh', '-c', script], { timeout: 180_000 });
  return { exitCode: r.exitCode, output: `${r.stdout}${r.stderr}` };
}

/** KEY="value" lines (the format the units' headers give) of every value the stack needs. */
function envFileText(stack: Stack): string {
  const values = { API_TOKEN: stack.env.API_TOKEN!, API_SECRET: stack.env.CONFORMANCE_SECRET!, CONFORMANCE_SECRET: stack.env.CONFORMANCE_SECRET! };
  return Object.entries(values).map(([k, v]) => envFileLine(k, v)).join('');
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Install the units, write the files their EnvironmentFile= name and set the manager's environment. */
async function install(stack: Stack): Promise<ToolRun> {
  const dir = path.join(stack.out, 'systemd');
  const units = readdirSync(dir).filter((f) => f.endsWith('.service') || f.endsWith('.target'));
  const envFiles = new Set(units.flatMap((u) => [...readFileSync(path.join(dir, u), 'utf8').matchAll(/^EnvironmentFile=([^-\n].*)$/gm)].map((m) => m[1]!)));
  const script = [
    ...units.map((u) => `cp ${quote(path.join(dir, u))} /etc/systemd/system/`),
    ...[...envFiles].map((f) => `mkdir -p -m 0700 ${quote(path.dirname(f))} && printf %s ${quote(envFileText(stack))} > ${quote(f)} && chmod 0600 ${quote(f)}`),
    `systemctl set-environment ${Object.entries(stack.env).map(([k, v]) => quote(`${k}=${v}`)).join(' ')}`,
    'systemctl daemon-reload',
    // As the target's header says: enabled, every unit it wants starts with it (optional ones too).
    `systemctl enable ${units.filter((u) => /^\[Install\]$/m.test(readFileSync(path.join(dir, u), 'utf8'))).join(' ')}`,
  ].join(' && ');
  return systemctl(stack, script);
}

export const systemdAdapter: TargetAdapter = {
  id: 'systemd',
  title: 'systemd',
  target: 'systemd',
  tool: () => allTools(hasSystemdImage, hasPythonOnlyImage),
  allContainers: false,
  async start(stack) {
    const docker = (await execa('sh', ['-c', 'command -v docker'])).stdout.trim();
    const binds = [`${docker}:/usr/bin/docker:ro`, '/run/docker.sock:/run/docker.sock', `${stack.dir}:${stack.dir}`, `${FIXTURE_DIR}:${FIXTURE_DIR}:ro`];
    containers.set(stack.project, await startSystemdContainer(`conformance-${stack.project}`, { binds, engineUnit: true }));
    const installed = await install(stack);
    if (installed.exitCode !== 0) return installed;
    return systemctl(stack, `systemctl start ${stack.project}.target`);
  },
  stop: (stack) => systemctl(stack, `systemctl stop ${stack.project}.target`),
  diagnose: async (stack) => (await systemctl(stack, `systemctl status --no-pager -n 30 ${stack.project}-store.service ${stack.project}-api.service`)).output,
  async cleanup(stack) {
    await containers.get(stack.project)?.stop();
  },
  differences: {},
};
