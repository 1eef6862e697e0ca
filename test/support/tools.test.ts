import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUSYBOX_IMAGE,
  type IsolatedPm2,
  MissingToolError,
  type SystemdContainer,
  type TempDir,
  describeWithTool,
  hasBusyboxImage,
  hasComposeV1,
  hasComposeV2,
  hasDocker,
  hasPm2,
  hasSupervisord,
  hasSystemdAnalyze,
  hasSystemdImage,
  requireTool,
  startSystemdContainer,
  supervisorPython,
  tempDir,
  withIsolatedPm2,
} from './tools.js';

/** True once the process is gone (or a zombie nobody has reaped yet). */
async function processGone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    let gone: boolean;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      gone = stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
    } catch {
      gone = true;
    }
    if (gone || Date.now() > deadline) return gone;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('requireTool', () => {
  const saved = process.env.CI;
  afterAll(() => {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  });

  it('runs when the tool is there', () => {
    process.env.CI = 'true';
    expect(requireTool({ ok: true, reason: 'x 1.0' })).toBe(true);
  });

  it('fails in CI when the tool is missing', () => {
    process.env.CI = 'true';
    expect(() => requireTool({ ok: false, reason: 'frob not installed' })).toThrow(MissingToolError);
    expect(() => requireTool({ ok: false, reason: 'frob not installed' })).toThrow(/frob not installed/);
  });

  it('skips outside CI when the tool is missing', () => {
    delete process.env.CI;
    expect(requireTool({ ok: false, reason: 'frob not installed (apt-get install frob)' })).toBe(false);
  });
});

describe('detectors', () => {
  const detectors = {
    hasDocker,
    hasComposeV1,
    hasComposeV2,
    hasSupervisord,
    hasSystemdAnalyze,
    hasSystemdImage,
    hasBusyboxImage,
    hasPm2,
  };

  it.each(Object.entries(detectors))('%s answers once per process with a reason', async (_name, detect) => {
    const first = detect();
    expect(detect()).toBe(first);
    const r = await first;
    expect(typeof r.ok).toBe('boolean');
    expect(r.reason.trim()).not.toBe('');
  }, 60_000);

  it('names the systemd-analyze version when it is there', async () => {
    const r = await hasSystemdAnalyze();
    if (r.ok) expect(r.reason).toMatch(/^systemd \d+/);
    else expect(r.reason).toMatch(/systemd-analyze/);
  });
});

describe('tempDir', () => {
  it('creates a folder and removes it with its content', async () => {
    const dir = await tempDir('orchgen-tools-test-');
    expect(existsSync(dir.path)).toBe(true);
    await writeFile(path.join(dir.path, 'f'), 'x');
    await dir.cleanup();
    expect(existsSync(dir.path)).toBe(false);
  });
});

await describeWithTool('docker runs the busybox image', hasBusyboxImage, () => {
  it('prints ok from busybox sh', async () => {
    const r = await execa(
      'docker',
      ['run', '--rm', '--network', 'host', BUSYBOX_IMAGE, 'sh', '-c', 'echo ok'],
      { timeout: 60_000, stdin: 'ignore' },
    );
    expect(r.stdout).toBe('ok');
  }, 90_000);
});

await describeWithTool('systemd container', hasSystemdImage, () => {
  let c: SystemdContainer;
  let dir: TempDir;

  beforeAll(async () => {
    dir = await tempDir('orchgen-systemd-test-');
    c = await startSystemdContainer('tools-test');
  }, 150_000);

  afterAll(async () => {
    await c?.stop();
    await dir?.cleanup();
  }, 60_000);

  it('boots to running or degraded', async () => {
    expect(['running', 'degraded']).toContain(c.bootState);
    const r = await c.exec(['systemctl', 'is-system-running']);
    expect(['running', 'degraded']).toContain(r.stdout.trim());
  });

  it('runs systemctl --version inside', async () => {
    const r = await c.exec(['systemctl', '--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^systemd \d+/);
  });

  it('reports a failing command with its exit code', async () => {
    const r = await c.exec(['sh', '-c', 'echo out; echo err >&2; exit 7']);
    expect(r).toEqual({ stdout: 'out', stderr: 'err', exitCode: 7 });
  });

  it('starts a unit copied in with copyIn', async () => {
    const unit = path.join(dir.path, 'orchgen-probe.service');
    await writeFile(
      unit,
      '[Unit]\nDescription=probe\n\n[Service]\nType=oneshot\nRemainAfterExit=yes\n' +
        'ExecStart=/bin/sh -c "echo started > /run/orchgen-probe"\n',
    );
    await c.copyIn(unit, '/etc/systemd/system/orchgen-probe.service');
    expect((await c.exec(['systemctl', 'daemon-reload'])).exitCode).toBe(0);
    const start = await c.exec(['systemctl', 'start', 'orchgen-probe.service']);
    expect(start.stderr).toBe('');
    expect(start.exitCode).toBe(0);
    expect((await c.exec(['systemctl', 'is-active', 'orchgen-probe.service'])).stdout.trim()).toBe('active');
    expect((await c.exec(['cat', '/run/orchgen-probe'])).stdout).toBe('started');
  }, 60_000);

  it('removes the container on stop()', async () => {
    const other = await startSystemdContainer('tools-test-stop');
    const before = await execa('docker', ['inspect', '-f', '{{.State.Running}}', other.name], { reject: false });
    expect(before.stdout.trim()).toBe('true');
    await other.stop();
    const after = await execa('docker', ['inspect', other.name], { reject: false });
    expect(after.exitCode).not.toBe(0);
  }, 150_000);
});

await describeWithTool('pm2 with an isolated home', hasPm2, () => {
  let p: IsolatedPm2;

  beforeAll(async () => {
    p = await withIsolatedPm2();
  });

  afterAll(async () => {
    await p?.kill();
  }, 60_000);

  it('starts a daemon in its own PM2_HOME and lists no apps', async () => {
    expect(p.env.PM2_HOME).toBe(p.home);
    const r = await p.pm2(['jlist']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual([]);
    expect(existsSync(path.join(p.home, 'pm2.pid'))).toBe(true);
  }, 60_000);

  it('runs an app and kill() stops the daemon and removes the home', async () => {
    const app = path.join(p.home, 'probe.cjs');
    await writeFile(app, 'setInterval(() => {}, 1000);\n');
    const start = await p.pm2(['start', app, '--name', 'probe']);
    expect(start.exitCode).toBe(0);
    const list = JSON.parse((await p.pm2(['jlist'])).stdout.trim()) as Array<{
      name: string;
      pid: number;
      pm2_env: { status: string };
    }>;
    expect(list.map((a) => [a.name, a.pm2_env.status])).toEqual([['probe', 'online']]);
    const appPid = list[0]!.pid;
    const daemonPid = Number.parseInt(await readFile(path.join(p.home, 'pm2.pid'), 'utf8'), 10);

    await p.kill();
    expect(existsSync(p.home)).toBe(false);
    expect(await processGone(daemonPid, 10_000)).toBe(true);
    expect(await processGone(appPid, 10_000)).toBe(true);
  }, 90_000);
});

await describeWithTool('supervisord config parser', hasSupervisord, () => {
  let dir: TempDir;
  const parse = async (conf: string) => {
    const file = path.join(dir.path, `c${Math.random().toString(36).slice(2)}.conf`);
    await writeFile(file, conf);
    const py = await supervisorPython();
    return execa(
      py!,
      [
        '-c',
        'import sys;from supervisor.options import ServerOptions as S;S().realize(args=["-c",sys.argv[1]])',
        file,
      ],
      { reject: false, timeout: 30_000, stdin: 'ignore' },
    );
  };

  beforeAll(async () => {
    dir = await tempDir('orchgen-supervisord-test-');
  });

  afterAll(async () => {
    await dir?.cleanup();
  });

  it('accepts a minimal conf', async () => {
    const r = await parse(
      `[supervisord]\nlogfile=${dir.path}/supervisord.log\npidfile=${dir.path}/supervisord.pid\n\n` +
        '[program:web]\ncommand=/bin/sleep 100\nautorestart=true\n',
    );
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('rejects a program without a command', async () => {
    const r = await parse(`[supervisord]\nlogfile=${dir.path}/supervisord.log\n\n[program:web]\nautorestart=true\n`);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/command/);
  });
});
