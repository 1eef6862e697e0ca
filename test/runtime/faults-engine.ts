import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { execa } from 'execa';
import { BUSYBOX_IMAGE, isAlive as alive } from '../support/tools.js';

/**
 * A Docker engine of the test's own, to be killed mid-run: its own data, exec root, pid file and
 * socket, no bridge and no iptables rules. The shared engine is never touched.
 */
export interface PrivateEngine {
  /** DOCKER_HOST for it. */
  host: string;
  /** SIGKILL to dockerd: its containers keep running, orphaned. */
  kill(): void;
  /** Starts dockerd again on the same data. */
  restart(): Promise<void>;
  /** Stops it and removes everything it left: processes of its own, mounts, files. */
  remove(): Promise<void>;
}

export async function startPrivateEngine(): Promise<PrivateEngine> {
  // Short: a unix socket path has at most 107 bytes.
  const dir = mkdtempSync('/tmp/og-engine-');
  const host = `unix://${dir}/docker.sock`;
  const pidFile = join(dir, 'docker.pid');
  const args = ['--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', pidFile, '-H', host, '--bridge=none', '--iptables=false', '--ip-masq=false'];
  const docker = (more: string[]) => execa('docker', more, { env: { DOCKER_HOST: host }, reject: false, timeout: 60_000 });
  const dockerdPid = () => {
    try {
      return Number(readFileSync(pidFile, 'utf8').trim());
    } catch {
      return undefined;
    }
  };
  const launch = async () => {
    const log = openSync(join(dir, 'dockerd.log'), 'a');
    spawn('dockerd', args, { detached: true, stdio: ['ignore', log, log] }).unref();
    closeSync(log);
    const deadline = Date.now() + 60_000;
    while ((await docker(['info', '--format', '{{.ServerVersion}}'])).exitCode !== 0) {
      if (Date.now() > deadline) throw new Error(`the private dockerd did not answer within 60s:\n${readFileSync(join(dir, 'dockerd.log'), 'utf8').slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const engine: PrivateEngine = {
    host,
    kill() {
      const pid = dockerdPid();
      if (pid) process.kill(pid, 'SIGKILL');
    },
    restart: launch,
    async remove() {
      const pid = dockerdPid();
      if (pid && alive(pid)) {
        process.kill(pid, 'SIGTERM');
        for (let i = 0; i < 300 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Its containerd and shims name its folder on their command lines.
      const own = await execa('pgrep', ['-f', dir], { reject: false });
      for (const other of own.stdout.split('\n').filter(Boolean).map(Number)) {
        if (other !== process.pid) process.kill(other, 'SIGKILL');
      }
      const mounts = readFileSync('/proc/mounts', 'utf8')
        .split('\n')
        .map((line) => line.split(' ')[1] ?? '')
        .filter((point) => point.startsWith(dir))
        .sort((a, b) => b.length - a.length);
      for (const point of mounts) await execa('umount', ['-l', point], { reject: false });
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await launch();
    // The image, from the shared engine into this one.
    await execa('sh', ['-c', 'docker save "$1" | DOCKER_HOST="$2" docker load', 'sh', BUSYBOX_IMAGE, host]);
  } catch (error) {
    await engine.remove();
    throw error;
  }
  return engine;
}
